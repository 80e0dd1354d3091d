; A function called from the program (a BPF-to-BPF call) may read the
; packet with LD_ABS only when the kernel has BTF for it (5.0).
;
; ".func ld_first_word int(void *)" starts the function and gives its C
; prototype: verify loads the BTF it makes of it (FUNC, FUNC_PROTO,
; func_info, and line_info with the lines of this file, which the log at
; -l 2 prints). Write "ld_first_word:" instead of the .func line and the
; kernel refuses: "LD_ABS is not allowed in subprogs without BTF". LD_ABS
; also needs the function to return int (a scalar): make it void and see.
;
; expect: ACCEPTED
.type socket_filter
	r6 = r1
	call ld_first_word
	r0 = 0
	exit

.func ld_first_word int(void *skb)
	r6 = r1			; LD_ABS reads the packet of the skb in r6
	r0 = *(u32 *)skb[0]
	exit

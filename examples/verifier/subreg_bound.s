; A 32-bit operation writes the low half of a register and zeroes the
; upper half, so a bound on the 32-bit subregister bounds all of it.
;
; r2 is a value from the map the verifier knows nothing of. "w2 = w2",
; a 32-bit mov, clears its upper half; "if w2 > 7" then bounds the low
; half to [0, 7], and with it the whole of r2: r0 + r2 stays within the
; 16-byte value. Delete the "w2 = w2" line: the 32-bit compare alone
; bounds only the low half, and the kernel refuses r0 + r2 (the upper
; half could be anything).
;
; expect: ACCEPTED
.map values array 4 16 1
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[values] ll
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r2 = *(u64 *)(r0 +0)
	w2 = w2			; zero-extends: r2 < 2^32
	if w2 > 7 goto out	; JMP32: the low half in [0, 7]
	r0 += r2
	r0 = *(u8 *)(r0 +0)
out:
	r0 = 0
	exit

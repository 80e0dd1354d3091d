; Stack accesses must be aligned to their size.
;
; Map values and packets may be read unaligned on machines that allow it,
; but the stack is always checked: a 4-byte read at r10 -6 is refused.
;
; expect: REJECTED misaligned stack access
*(u64 *)(r10 -8) = 0
r0 = *(u32 *)(r10 -6)
exit

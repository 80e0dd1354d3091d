; The stack is 512 bytes, below r10.
;
; Every stack access must fall within [r10 -512, r10). Offset -520 is
; past the bottom: refused before anything runs.
;
; expect: REJECTED invalid write to stack R10 off=-520|invalid stack off=-520
*(u64 *)(r10 -520) = 0
r0 = 0
exit

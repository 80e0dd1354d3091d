; A number is not a pointer.
;
; The verifier gives every register a type. "r1 = 0" makes r1 a scalar,
; and reading memory through a scalar is refused whatever its value: only
; pointers the verifier handed out (the context in r1 at entry, the stack
; in r10, map values) may be dereferenced.
;
; expect: REJECTED invalid mem access 'scalar'|invalid mem access 'inv'
r1 = 0
r0 = *(u64 *)(r1 +0)
exit

; A register must be written before it is read.
;
; At entry only r1 (the context) and r10 (the frame pointer) hold
; anything; r0 and r2..r9 are "not init". Reading one is refused: the
; verifier reports it as !read_ok.
;
; expect: REJECTED R2 !read_ok
r0 = r2
exit

; A loop is fine when the verifier sees it end (5.3).
;
; r0 counts down from 10: the verifier walks the ten iterations, each in
; a different state, and reaches the exit. Compare the instructions it
; processed in the statistics with the 4 instructions written.
;
; expect: ACCEPTED
r0 = 10
loop:
r0 -= 1
if r0 != 0 goto loop
exit

; The verifier gives up after a million instructions (since 5.2).
;
; Like bounded_loop.s, but counting down from ten million: the walk
; through every iteration exceeds the limit of 1,000,000 processed
; instructions long before the loop ends. The program is fine at run
; time; it is too complex to prove so. (It takes the verifier a second.)
;
; expect: REJECTED BPF program is too large|too complex
r0 = 10000000
loop:
r0 -= 1
if r0 != 0 goto loop
exit

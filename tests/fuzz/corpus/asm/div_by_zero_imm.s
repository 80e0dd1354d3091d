; Division by a constant zero is refused.
;
; The divisor is an immediate 0, known when the program is loaded: the
; verifier refuses it. div_by_zero_reg.s divides by a register instead.
;
; expect: REJECTED div by zero
r0 = 10
r0 /= 0
exit

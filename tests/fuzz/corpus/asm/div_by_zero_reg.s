; Division by a register that holds zero is allowed, and gives 0.
;
; A register's value may only be known at run time, so BPF defines x / 0
; as 0 (and x % 0 as x) instead of trapping; the verifier rewrites the
; division to check. Run it with
;   barebpf verify div_by_zero_reg.s -a syscalls:sys_enter_getpid -c 1
; to see it attach and run without harm.
;
; expect: ACCEPTED
r0 = 10
r1 = 0
r0 /= r1
exit

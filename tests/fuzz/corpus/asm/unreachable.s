; Every instruction must be reachable.
;
; Instructions 2 and 3 follow an exit and nothing jumps to them: dead
; code is refused, as a sign of a program that is not what it seems.
;
; expect: REJECTED unreachable insn 2
r0 = 0
exit
r0 = 1
exit

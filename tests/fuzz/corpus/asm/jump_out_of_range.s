; Every jump must land on an instruction of the program.
;
; "goto pc+5" at instruction 1 would go to instruction 7; there are only
; three. This is checked before any path is walked, so the log has no
; instruction trace, only the message (shown beside the jump's line).
;
; expect: REJECTED jump out of range from insn 1 to 7
r0 = 0
goto pc+5
exit

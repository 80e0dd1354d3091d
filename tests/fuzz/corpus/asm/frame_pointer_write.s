; r10, the frame pointer, is read-only.
;
; expect: REJECTED frame pointer is read only
r10 = 0
r0 = 0
exit

; A loop whose state never changes never ends.
;
; Since 5.3 the verifier follows loops iteration by iteration. Here it
; comes back to "goto loop" in the very state it saw before: the loop
; cannot end, and it says so. (Before 5.3 any back-edge was refused.)
;
; expect: REJECTED infinite loop detected|back-edge
r0 = 0
loop:
goto loop

; Every program returns r0, so r0 must be set at exit.
;
; expect: REJECTED R0 !read_ok
exit

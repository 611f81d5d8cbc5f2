/*
 * exe.h — where the running binary lives, for the files found beside it
 * (the zone file and the message catalogue of a build tree or of an
 * installation under any prefix).
 */
#ifndef FS_EXE_H
#define FS_EXE_H

/* The folder of the running binary (/proc/self/exe without its last
 * component), as a new heap string of any length; NULL when it cannot be
 * read or memory runs out. */
char *fs_exe_dir(void);

#endif

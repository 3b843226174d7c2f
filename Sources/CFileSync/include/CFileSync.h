#ifndef AGENTREPORT_CFILESYNC_H
#define AGENTREPORT_CFILESYNC_H

/// Flushes every file of the filesystem that holds the open file `fd` to stable storage
/// (Linux `syncfs(2)`, which Glibc declares only under `_GNU_SOURCE`, so Swift cannot see it
/// directly). Returns 0, or -1 with errno set; -1 with `ENOSYS` where there is no syncfs.
int agentreport_syncfs(int fd);

#endif

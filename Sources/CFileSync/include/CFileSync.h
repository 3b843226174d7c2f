#ifndef AGENTREPORT_CFILESYNC_H
#define AGENTREPORT_CFILESYNC_H

/// Flushes every file of the filesystem that holds the open file `fd` to stable storage
/// (Linux `syncfs(2)`, which Glibc declares only under `_GNU_SOURCE`, so Swift cannot see it
/// directly). Returns 0, or -1 with errno set; -1 with `ENOSYS` where there is no syncfs.
int agentreport_syncfs(int fd);

/// Starts writing the dirty pages of the open file `fd` to disk without waiting for them
/// (Linux `sync_file_range(2)` with `SYNC_FILE_RANGE_WRITE`, also `_GNU_SOURCE` only), so
/// that a later `syncfs` has less left to wait for. A hint, not a flush: returns 0, or -1
/// with errno set; -1 with `ENOSYS` where there is no such call.
int agentreport_start_writeback(int fd);

#endif

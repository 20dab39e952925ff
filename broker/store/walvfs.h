#pragma once
// A thin SQLite VFS over the platform's default one that gathers the writes of each transaction
// to the write-ahead log into one write() call.
//
// SQLite appends a WAL frame as two writes: its 24-byte header, then the page. A commit of the
// broker's group of writes appends about fifteen frames, so thirty system calls, each paying the
// file system's per-write cost (about 1.6 us per frame on the CI machine's ext4, against 0.35 us
// for the same bytes in one write). This VFS keeps contiguous appends to a WAL file in memory and
// writes them out:
//  - right after the page of a commit frame (the frame whose header carries the database size),
//    inside that same xWrite, so a failed write fails the COMMIT as it would have without us;
//  - before any other operation on that file (read, sync, truncate, size, lock, file control,
//    close), so SQLite never observes the file without its own writes;
//  - when a write is not contiguous, or lands below what has already been written (SQLite
//    rewriting a frame of the current transaction), and when the buffer reaches 256 KiB.
// SQLite makes frames visible to other connections only after the commit frame is written
// (the WAL index header is updated after walFrames' writes), so readers and the checkpointer
// never see a frame that is still in the buffer. Files other than WALs pass straight through.
//
// Installed as the default VFS before main() (see sqlutil.cpp) where the write path runs on this
// program's libsqlite3; LOCALSTASH_WAL_COALESCE=0 leaves SQLite's own VFS in place.

#include <QtGlobal>

namespace Broker::Sql {

struct WalWriteStats
{
    quint64 requested = 0; // xWrite calls SQLite made on WAL files
    quint64 issued = 0;    // writes this VFS passed on for them
};

// Registers the VFS as SQLite's default; true when it is in place. Call once, before any
// connection opens (a connection keeps the VFS it was opened with).
bool installWalCoalescingVfs();
bool walCoalescingInstalled();
WalWriteStats walWriteStats();

} // namespace Broker::Sql

// Imported first by the entry points, before anything can queue work on libuv's thread pool
// (it reads this variable once, when its first job arrives). Its default of 4 threads is shared
// by frame compression, file reads, store writes and background flushes to disk: a flush that
// blocks one thread for a while would otherwise stall the compressors.
if (!process.env.UV_THREADPOOL_SIZE)
    process.env.UV_THREADPOOL_SIZE = '8';
export {};

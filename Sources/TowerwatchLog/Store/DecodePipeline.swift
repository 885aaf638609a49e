#if canImport(Glibc)
import Glibc

import TowerwatchCore

/// Reads and decodes a log's records on a second thread while the caller checks
/// and folds them: replaying a large file keeps both cores busy.
///
/// Nothing is checked less: the worker verifies every record's checksum and
/// syntax exactly as the serial reader does, and hands over records in file
/// order, in batches, each with the file offset just past its line. The first
/// record it cannot decode ends its work: the batch that carries it holds the
/// records before it, so the caller folds those, then reports the bad one with
/// the same file, line, sequence and reason as the serial reader would.
///
/// The caller may stop early (a record that does not fold): `stop()` tells the
/// worker, which is waiting for room or between records, and joins it.
///
/// `@unchecked Sendable` because the worker thread holds it: every property the
/// two threads share is guarded by `lock` (see below), the rest is immutable or
/// the caller's alone.
final class DecodePipeline: @unchecked Sendable {
    /// Records decoded in one go by default: large enough that handing over costs
    /// nothing per record, small enough that the caller starts folding at once.
    static let defaultBatchSize = 2048
    /// Batches decoded ahead of the caller, at most.
    static let depth = 4

    struct Batch {
        /// The records, to be taken out (moved, not copied) by the caller, in order.
        var records: RecordBuffer?
        /// `ends[i]`: the file offset just past record `i`'s newline.
        var ends: [Int] = []
        /// The record after `records` could not be decoded: why, and the sequence it claims.
        var failure: (reason: String, seq: UInt64?)?
        /// An error reading the file.
        var error: (any Error)?
        /// Set on the last batch: where the complete lines ended, and any torn tail.
        var scan: LogFile.ChunkScan?
        /// Whether the worker is done: nothing follows this batch.
        var isLast: Bool { failure != nil || error != nil || scan != nil }

        static func empty(_ size: Int) -> Batch {
            var batch = Batch(records: RecordBuffer(capacity: size))
            batch.ends.reserveCapacity(size)
            return batch
        }
    }

    /// Decoded records handed from the worker to the caller. The caller moves each
    /// one out as it folds it, so a record is never copied (which would retain every
    /// string it holds) and never destroyed twice; what was not taken is destroyed
    /// with the buffer.
    ///
    /// The worker fills it through `slots` and says how many with `filled(_:)`
    /// before handing it over; the caller moves records out in order and says how
    /// many with `taken(_:)`. (Counting through plain locals, not a stored `var` per
    /// record: each access to a class's `var` costs a run-time exclusivity check.)
    ///
    /// `@unchecked Sendable` because it changes hands: only one thread uses it at a
    /// time, the worker until it hands the batch over under `lock`, the caller after,
    /// and the lock's hand-over orders the worker's writes before the caller's reads.
    final class RecordBuffer: @unchecked Sendable {
        let capacity: Int
        let slots: UnsafeMutablePointer<EventRecord>
        /// Records `first..<count` are initialized.
        private(set) var count = 0
        private var first = 0

        init(capacity: Int) {
            self.capacity = capacity
            slots = .allocate(capacity: capacity)
        }

        deinit {
            (slots + first).deinitialize(count: count - first)
            slots.deallocate()
        }

        /// The worker initialized `slots[0..<count]`.
        func filled(_ count: Int) { self.count = count }

        /// The caller moved `slots[0..<count]` out.
        func taken(_ count: Int) { first = count }
    }

    private let file: LogFile
    private let offset: Int
    private let chunkSize: Int
    private let batchSize: Int
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    // Shared by the two threads: read and written only while holding `lock`.
    private var ready: [Batch] = []
    private var head = 0
    private var stopping = false
    // The caller's alone (set in `init`, read and cleared in `stop`); the worker
    // never touches them, so they need no lock.
    private var thread = pthread_t()
    private var running = false

    /// Starts decoding `file` from `offset` (the start of a line).
    init(file: LogFile, from offset: Int, chunkSize: Int, batchSize: Int = DecodePipeline.defaultBatchSize) throws {
        self.file = file
        self.offset = offset
        self.chunkSize = chunkSize
        self.batchSize = max(1, batchSize)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(changed, nil)
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(&thread, nil, { raw in
            let pipeline = Unmanaged<DecodePipeline>.fromOpaque(raw!).takeRetainedValue()
            pipeline.work()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<DecodePipeline>.fromOpaque(context).release()
            throw LogFileError(path: file.path, operation: .read, code: status)
        }
        running = true
    }

    deinit {
        stop()
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(lock)
        changed.deallocate()
        lock.deallocate()
    }

    /// The next batch, in file order; waits for the worker. After a batch that
    /// `isLast`, there is none.
    func next() -> Batch {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        while head == ready.count { pthread_cond_wait(changed, lock) }
        let batch = ready[head]
        ready[head] = Batch()
        head += 1
        if head == ready.count { ready.removeAll(keepingCapacity: true); head = 0 }
        pthread_cond_broadcast(changed)
        return batch
    }

    /// Tells the worker to finish and waits for it. Safe to call more than once.
    func stop() {
        guard running else { return }
        pthread_mutex_lock(lock)
        stopping = true
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(lock)
        pthread_join(thread, nil)
        running = false
    }

    /// Thrown inside the worker to leave the chunk loop when the caller stopped.
    private struct Stopped: Error {}

    /// Hands a batch to the caller, waiting while `depth` batches are already waiting.
    /// Throws `Stopped` when the caller has gone.
    private func hand(_ batch: Batch) throws(Stopped) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        while !stopping && ready.count - head >= DecodePipeline.depth { pthread_cond_wait(changed, lock) }
        guard !stopping else { throw Stopped() }
        ready.append(batch)
        pthread_cond_broadcast(changed)
    }

    private func work() {
        var reader = FieldReader(idCache: IDCache.replaySlots)
        var batch = Batch.empty(batchSize)
        var filled = 0
        do {
            let scan = try file.forEachLine(from: offset, chunkSize: chunkSize) { line, end in
                do throws(RecordError) {
                    (batch.records!.slots + filled).initialize(to: try RecordCodec.decode(line, using: &reader))
                } catch {
                    batch.records!.filled(filled)
                    batch.failure = (error.reason, RecordCodec.leadingSeq(line))
                    throw Stopped()
                }
                filled += 1
                batch.ends.append(end)
                if filled == batchSize {
                    batch.records!.filled(filled)
                    try hand(batch)
                    batch = Batch.empty(batchSize)
                    filled = 0
                }
            }
            batch.records!.filled(filled)
            batch.scan = scan
        } catch is Stopped {
            guard batch.failure != nil else { return } // the caller stopped: nobody is listening
        } catch {
            batch.records!.filled(filled)
            batch.error = error
        }
        try? hand(batch)
    }
}
#endif

import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Tasks shared by a thread that needs their results in order (a scan's folding thread) and
/// helper threads that stay awake between tasks while the work lasts.
///
/// Why not the global queue: a task queued there wakes a sleeping worker, and the kernel of these
/// virtual machines puts the woken thread on the waker's processor, behind the folding thread,
/// even while the other processor is idle. `perf sched` of a cold `verify` showed it: each block
/// was decoded only once the folding thread stopped to wait for it, and the second core sat idle
/// a fifth of the time. A helper that looks for the next task before it sleeps is still on its
/// own core when the task comes; and the thread that waits for a result takes tasks itself
/// rather than sleep while any is queued.
final class Crew: @unchecked Sendable {
    /// How long a helper with nothing to do looks again before it sleeps, while tasks come
    /// within this of each other: past the time a quick fold takes to fold a block and queue the
    /// next (about 0.3 ms in a cold `verify`), short of the time a slow one takes (3–5 ms in
    /// `check` or `trace`), for which a helper need not be awake.
    static let idleNanosecondsMax: Int64 = 1_000_000
    /// How long a helper looks once its last wait outlasted `idleNanosecondsMax`.
    static let lookNanosecondsMin: Int64 = 50_000
    /// A fold takes blocks no faster than about two helpers decode them; more would only wait.
    static let helpersMax = 3

    static var helpersForThisMachine: Int {
        min(helpersMax, max(0, sysconf(Int32(_SC_NPROCESSORS_ONLN)) - 1))
    }

    private var mutex = pthread_mutex_t()
    /// A task is set to nil once taken: until then it holds what it captured (a block's bytes).
    private var tasks: [(() -> Void)?] = []
    private var nextTask = 0
    private var sleepers = 0
    private var finished = false
    private let wake = DispatchSemaphore(value: 0)
    private var helpers: [pthread_t] = []

    /// A crew of `count` helpers. They are threads of their own, not the global queue's: a
    /// helper holds its thread while the work lasts, and the global queue's threads stay free for
    /// what the fold hands them (a key index sorted on both cores). A helper that cannot be
    /// started is done without: the thread that waits takes every task itself.
    init(helpers count: Int = Crew.helpersForThisMachine) {
        pthread_mutex_init(&mutex, nil)
        for _ in 0..<count {
            let crew = Unmanaged.passRetained(self).toOpaque()
            var thread = pthread_t()
            let started = pthread_create(&thread, nil, { crew in
                Unmanaged<Crew>.fromOpaque(crew!).takeRetainedValue().help()
                return nil
            }, crew)
            guard started == 0 else {
                Unmanaged<Crew>.fromOpaque(crew).release()
                break
            }
            helpers.append(thread)
        }
    }

    deinit { pthread_mutex_destroy(&mutex) }

    func push(_ task: @escaping () -> Void) {
        pthread_mutex_lock(&mutex)
        assert(!finished, "a task pushed after the crew finished would never run")
        tasks.append(task)
        let wakeOne = sleepers > 0
        if wakeOne { sleepers -= 1 }
        pthread_mutex_unlock(&mutex)
        if wakeOne { wake.signal() }
    }

    /// Runs the oldest queued tasks here until `isDone`; when none is left, `wait`s once.
    func work(until isDone: () -> Bool, wait: () -> Void) {
        while !isDone() {
            guard let task = take() else { return wait() }
            task()
        }
    }

    /// Ends the helpers. Every task pushed has been waited for (see `work`).
    func finish() {
        pthread_mutex_lock(&mutex)
        finished = true
        let sleeping = sleepers
        sleepers = 0
        pthread_mutex_unlock(&mutex)
        for _ in 0..<sleeping { wake.signal() }
        for thread in helpers { pthread_join(thread, nil) }
        helpers = []
    }

    private func take() -> (() -> Void)? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        guard nextTask < tasks.count else { return nil }
        let task = tasks[nextTask]
        tasks[nextTask] = nil
        nextTask += 1
        // The taken slots are dropped now and then, not one by one (an array's front is costly).
        if nextTask >= 64 && nextTask * 2 >= tasks.count {
            tasks.removeFirst(nextTask)
            nextTask = 0
        }
        return task
    }

    private func help() {
        // How long to look before sleeping: `idleNanosecondsMax` while tasks come within that of
        // each other, as a quick fold's blocks do; briefly once a wait lasted longer, as a slow
        // fold's do (looking 2 ms for each of a `trace`'s blocks cost it 0.5 s of system time, for
        // no gain).
        var lookNanoseconds = Self.idleNanosecondsMax
        var idleSince: Int64?
        while true {
            if let task = take() {
                if let since = idleSince {
                    let waited = Self.monotonicNanoseconds() - since
                    lookNanoseconds = waited <= Self.idleNanosecondsMax ? Self.idleNanosecondsMax : Self.lookNanosecondsMin
                    idleSince = nil
                }
                task()
                continue
            }
            let now = Self.monotonicNanoseconds()
            let since = idleSince ?? now
            idleSince = since
            pthread_mutex_lock(&mutex)
            if finished {
                pthread_mutex_unlock(&mutex)
                return
            }
            let sleep = now - since > lookNanoseconds && nextTask == tasks.count
            if sleep { sleepers += 1 }
            pthread_mutex_unlock(&mutex)
            if sleep { wake.wait() } else { sched_yield() }
        }
    }

    private static func monotonicNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}

import BudgetCLI
import BudgetJournal
#if canImport(Glibc)
import Glibc
#endif

// A file-size limit (ulimit -f) must surface as a failed write we can report and undo, not as a
// signal that kills the process halfway through an append.
signal(SIGXFSZ, SIG_IGN)
// A reader that goes away (`budget log | head`) ends the output with a failed write, not a signal.
signal(SIGPIPE, SIG_IGN)

// Buffers of 2 MiB and more (an index of a million client keys as it grows, a checkpoint's
// batch of pages) are mapped on their own and returned to the kernel when freed. glibc would
// otherwise raise this bound each time such a buffer is freed, and from then on keep buffers
// below it in its heap, where those freed by one thread and allocated by another fragment it.
// (mallopt is not in Swift's Glibc module: it is found by name; M_MMAP_THRESHOLD is -3 in malloc.h.)
// Fixing that bound also fixes the heap's trim threshold at 128 KiB: each 1 MiB block a read
// frees at the heap's top would be handed back, and the next faulted in again, page by page (a
// fifth of a cold read's system time). The heap keeps up to 16 MiB free instead
// (M_TRIM_THRESHOLD is -1); a read's peak memory is the same, measured.
if let mallopt = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
    let set = unsafeBitCast(mallopt, to: (@convention(c) (Int32, Int32) -> Int32).self)
    _ = set(-3, 2 << 20)
    _ = set(-1, 16 << 20)
}

// One command, then exit: what a command has finished with is left for the exit to reclaim.
ExitReclaims.enabled = true

// A progress bar only on a terminal: in a pipe or a log it would be noise.
let progress = isatty(2) == 1 ? Progress { try? FileBytes.write(Array($0.utf8), to: 2) } : nil
let result = BudgetCommandLine.run(Array(CommandLine.arguments.dropFirst()), environment: processEnvironment(),
                                   progress: progress, terminal: isatty(1) == 1, stdoutDescriptor: 1)
try? FileBytes.write(Array(result.stderr.utf8), to: 2)
exit(result.status)

/// The process's environment, NAME=VALUE pairs; the first of a repeated name wins, as getenv's does.
func processEnvironment() -> [String: String] {
    var environment: [String: String] = [:]
    var entry = environ
    while let pointer = entry.pointee {
        let pair = String(cString: pointer)
        if let equals = pair.firstIndex(of: "="), environment[String(pair[..<equals])] == nil {
            environment[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        entry += 1
    }
    return environment
}

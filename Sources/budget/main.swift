import BudgetCLI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// A file-size limit (ulimit -f) must surface as a failed write we can report and undo, not as a
// signal that kills the process halfway through an append.
signal(SIGXFSZ, SIG_IGN)
// A reader that goes away (`budget log | head`) ends the output with a failed write, not a signal.
signal(SIGPIPE, SIG_IGN)

// One command, then exit: what a command has finished with is left for the exit to reclaim.
ExitReclaims.enabled = true

// A progress bar only on a terminal: in a pipe or a log it would be noise.
let progress = isatty(2) == 1 ? Progress { FileHandle.standardError.write(Data($0.utf8)) } : nil
let result = BudgetCommandLine.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
                                   progress: progress, terminal: isatty(1) == 1, stdoutDescriptor: 1)
FileHandle.standardError.write(Data(result.stderr.utf8))
exit(result.status)

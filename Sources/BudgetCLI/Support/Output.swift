import BudgetJournal
#if canImport(Glibc)
import Glibc
#endif

/// Where a command writes what it prints, as it makes it. Text is held until a megabyte has
/// gathered, then written through: a short report is all or nothing, and a command that fails
/// before printing much leaves stdout empty, while a long listing flows with bounded memory.
final class Output {
    /// Past this many bytes held, they are written through.
    static let heldBytesMax = 1 << 20

    private var held: [UInt8] = []
    private var collected: [UInt8] = []
    private let writeThrough: (([UInt8]) throws -> Void)?

    /// Output that is collected whole, to be returned as a String (tests, and the library API).
    init() { writeThrough = nil }

    /// Output written through to `fd` (the budget executable's stdout).
    init(fd: Int32) {
        writeThrough = { bytes in try Output.writeAll(bytes, to: fd) }
    }

    func write(_ text: String) {
        held.append(contentsOf: text.utf8)
        guard held.count >= Self.heldBytesMax else { return }
        if let writeThrough {
            // A closed pipe (`budget log | head`) ends the listing quietly, as for any command-line tool.
            do { try writeThrough(held) } catch { _exit(0) }
            held.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is held; returns everything written when output is collected.
    func finish() -> String {
        if let writeThrough {
            do { try writeThrough(held) } catch { _exit(0) }
            held = []
            return ""
        }
        collected += held
        held = []
        return String(decoding: collected, as: UTF8.self)
    }

    /// Drops what is held and not yet written: a command that failed prints no half report.
    func discard() {
        held = []
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32) throws {
        try FileBytes.write(bytes, to: fd)
    }
}

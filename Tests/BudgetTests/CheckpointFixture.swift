import Foundation
@testable import BudgetJournal
@testable import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// Checkpoints as bytes, for tests: written by the checkpoint's own writer, opened by its own
/// reader, through temporary files.
enum CheckpointFixture {
    static func encode(_ summary: JournalSummary, suspects: Set<String> = [], key: CheckpointKey = Fixture.checkpointKey) -> [UInt8] {
        let directory = TemporaryDirectory()
        let path = directory.path("checkpoint")
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0)
        var writer = CheckpointWriter(fd: fd)
        try! Checkpoint.writePages(of: summary, suspects: suspects, to: &writer)
        try! writer.finish(position: summary.position, key: key)
        close(fd)
        return try! Array(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The checkpoint in `bytes`, opened; nil when its table is refused.
    static func image(_ bytes: [UInt8], key: CheckpointKey = Fixture.checkpointKey) -> CheckpointImage? {
        let directory = TemporaryDirectory()
        let path = directory.path("checkpoint")
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        precondition(fd >= 0)
        guard let image = CheckpointImage.open(fd: fd, size: Int64(bytes.count), path: path, key: key, failed: { _ in nil }) else {
            close(fd)
            return nil
        }
        return image
    }

    /// What the checkpoint in `bytes` holds, read whole; nil when it is refused on opening or on
    /// reading any of its pages.
    static func decode(_ bytes: [UInt8], key: CheckpointKey = Fixture.checkpointKey) -> JournalSummary? {
        guard let image = image(bytes, key: key), (try? JournalSummary(base: image).contents()) != nil else { return nil }
        return JournalSummary(base: image)
    }

    /// `bytes` with `change` applied to the page bodies and to the table, every page's digest
    /// recomputed and the table sealed again with `key`: what a bug in the writer could make, or
    /// a forger who had the key.
    static func resealed(_ bytes: [UInt8], key: CheckpointKey = Fixture.checkpointKey,
                         pages change: (_ kind: UInt8, _ page: [UInt8]) -> [UInt8] = { $1 },
                         table editTable: ([String]) -> [String] = { $0 }) -> [UInt8] {
        let footer = Array(bytes.suffix(Checkpoint.footerBytes))
        let tableOffset = Int(String(decoding: footer[4..<24], as: UTF8.self))!
        let tableLines = String(decoding: bytes[tableOffset..<(bytes.count - Checkpoint.footerBytes)], as: UTF8.self)
            .split(separator: "\n").map(String.init)
        var body: [UInt8] = []
        var lines = [tableLines[0]]
        for line in tableLines.dropFirst() {
            let fields = line.split(separator: " ").map(String.init)
            let offset = Int(fields[2])!, length = Int(fields[3])!
            let page = change(fields[1].utf8.first!, Array(bytes[offset..<(offset + length)]))
            lines.append("P \(fields[1]) \(body.count) \(page.count) \(fields[4]) \(SHA256.hash(page).hex)")
            body += page
        }
        let table = Array((editTable(lines).joined(separator: "\n") + "\n").utf8)
        var out = body + table
        var sealed = Array("mac ".utf8)
        DecimalDigits.append(UInt64(body.count), minimumDigits: 20, to: &sealed)
        out += sealed + Array(" \(Checkpoint.mac(table: table[...], key: key).hex)\n".utf8)
        return out
    }

    /// `text` replaced by `replacement` wherever it stands in `bytes`.
    static func replacing(_ text: String, with replacement: String, in bytes: [UInt8]) -> [UInt8] {
        let (old, new) = (Array(text.utf8), Array(replacement.utf8))
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if index + old.count <= bytes.count, Array(bytes[index..<(index + old.count)]) == old { out += new; index += old.count } else { out.append(bytes[index]); index += 1 }
        }
        return out
    }
}

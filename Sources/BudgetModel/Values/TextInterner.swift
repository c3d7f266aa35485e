#if canImport(Glibc)
import Glibc
#endif

/// Texts that recur in a run of records — a batch's recorded time, a payee, a project id — each
/// made into a String, and judged, once. The last text is compared first (records in a row often
/// share it), then a table keyed by fingerprint, whose hits are compared byte for byte. `make`
/// builds the String and whatever note the caller keeps with it (a problem, whether it is
/// wanted), or refuses the bytes with nil; a refusal is not kept.
///
/// Inlinable, so that each module that uses it has it specialised for its `Note`: left generic,
/// every call looked up the metadata of its tuples, which cost a million-line read a fifth of its time.
public struct TextInterner<Note> {
    @usableFromInline let make: (UnsafeRawBufferPointer) -> (text: String, note: Note)?
    @usableFromInline var last: Entry?
    @usableFromInline var table = QuickTable<UInt64, Entry>()
    /// A run of all-different texts gains nothing from a table; past this many, none is added.
    public let entriesMax: Int

    /// A text kept: its bytes, its String and note, and its number (see `numbered`).
    @usableFromInline typealias Entry = (bytes: [UInt8], text: String, note: Note, number: Int)

    public init(entriesMax: Int = 4_096, make: @escaping (UnsafeRawBufferPointer) -> (text: String, note: Note)?) {
        self.make = make
        self.entriesMax = entriesMax
    }

    @inlinable
    public mutating func text(_ bytes: UnsafeRawBufferPointer) -> (text: String, note: Note)? {
        numbered(bytes).map { ($0.text, $0.note) }
    }

    /// As `text`, with the text's number: the order in which the table first kept it, from 0,
    /// and so below `entriesMax`; -1 for a text not kept (the table full). The same bytes get
    /// the same number from one interner, which a caller may use to find what it keeps for the
    /// text in an array, not by hashing it again.
    @inlinable
    public mutating func numbered(_ bytes: UnsafeRawBufferPointer) -> (text: String, note: Note, number: Int)? {
        // Looked at in place: bound with `if let`, the last entry (its bytes, text and note) was
        // copied and released on every call.
        if last != nil, Self.same(last!.bytes, bytes) { return (last!.text, last!.note, last!.number) }
        let fingerprint = Fingerprint.of(utf8: bytes.bindMemory(to: UInt8.self))
        let found = table[fingerprint]
        if let found, Self.same(found.bytes, bytes) {
            last = found
            return (found.text, found.note, found.number)
        }
        guard let made = make(bytes) else { return nil }
        // A text whose fingerprint another holds is not kept: replacing that one would give
        // the next text kept the same number.
        let kept = found == nil && table.count < entriesMax
        let entry = (bytes: Array(bytes), text: made.text, note: made.note, number: kept ? table.count : -1)
        if kept { table.set(entry, for: fingerprint) }
        last = entry
        return (entry.text, entry.note, entry.number)
    }

    @inlinable
    static func same(_ kept: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        kept.count == bytes.count && kept.withUnsafeBytes { bytes.count == 0 || memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }
}

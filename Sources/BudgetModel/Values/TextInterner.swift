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
    @usableFromInline var last: (bytes: [UInt8], text: String, note: Note)?
    @usableFromInline var table = QuickTable<UInt64, (bytes: [UInt8], text: String, note: Note)>()
    /// A run of all-different texts gains nothing from a table; past this many, none is added.
    public let entriesMax: Int

    public init(entriesMax: Int = 4_096, make: @escaping (UnsafeRawBufferPointer) -> (text: String, note: Note)?) {
        self.make = make
        self.entriesMax = entriesMax
    }

    @inlinable
    public mutating func text(_ bytes: UnsafeRawBufferPointer) -> (text: String, note: Note)? {
        // Looked at in place: bound with `if let`, the last entry (its bytes, text and note) was
        // copied and released on every call.
        if last != nil, Self.same(last!.bytes, bytes) { return (last!.text, last!.note) }
        let fingerprint = Fingerprint.of(utf8: bytes.bindMemory(to: UInt8.self))
        if let entry = table[fingerprint], Self.same(entry.bytes, bytes) {
            last = entry
            return (entry.text, entry.note)
        }
        guard let made = make(bytes) else { return nil }
        let entry = (bytes: Array(bytes), text: made.text, note: made.note)
        if table.count < entriesMax { table.set(entry, for: fingerprint) }
        last = entry
        return made
    }

    @inlinable
    static func same(_ kept: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        kept.count == bytes.count && kept.withUnsafeBytes { bytes.count == 0 || memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }
}

import BudgetText
import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

extension EventDecoder {
    /// Checks the fixed tail of a line, `,"hash":"<64 lowercase hex>"}`, and that the hash is
    /// the SHA-256 of everything before it. Returns the hash.
    /// `computed` is the hash of the content if the caller already has it (hashed in lanes, see
    /// `SHA256Lanes`); otherwise it is computed here.
    static func verifiedHash(of line: UnsafeRawBufferPointer, computed: SHA256Digest? = nil) throws(LineProblem) -> SHA256Digest {
        // The usual case, an intact line, is settled by comparing the computed hash's text with the
        // written one: parsing 64 hex digits back costs more, and the text has only one spelling.
        if let computed, hasSuffixFrame(line), computed.isSpelled(at: line.baseAddress! + line.count - hashSuffixBytes + 9) {
            return computed
        }
        let written = try writtenHash(of: line)
        guard computed ?? SHA256.hash(UnsafeRawBufferPointer(rebasing: line[..<(line.count - hashSuffixBytes)])) == written else {
            throw LineProblem(Message(.contentDoesNotMatchIts))
        }
        return written
    }

    /// The hash a line's tail names, unchecked.
    static func writtenHash(of line: UnsafeRawBufferPointer) throws(LineProblem) -> SHA256Digest {
        guard line.count > hashSuffixBytes else { throw LineProblem(Message(.tooShortToBeEvent)) }
        let suffix = UnsafeRawBufferPointer(rebasing: line[(line.count - hashSuffixBytes)...])
        guard hasSuffixFrame(line), let written = SHA256Digest(lowercaseHexBytes: UnsafeRawBufferPointer(rebasing: suffix[9..<73]))
        else { throw LineProblem(Message(.doesNotEndWithIts)) }
        return written
    }

    /// Whether the line ends `,"hash":"` + 64 bytes + `"}`, whatever the 64 bytes are.
    private static func hasSuffixFrame(_ line: UnsafeRawBufferPointer) -> Bool {
        guard line.count > hashSuffixBytes else { return false }
        let suffix = line.baseAddress! + line.count - hashSuffixBytes
        // Its first eight bytes as one word, then the ninth: a call to `memcmp` for nine bytes, a
        // million times, cost more than the comparison.
        let prefix = UnsafeRawPointer(hashFramePrefix.utf8Start)
        return suffix.loadUnaligned(as: UInt64.self) == prefix.loadUnaligned(as: UInt64.self)
            && suffix.load(fromByteOffset: 8, as: UInt8.self) == prefix.load(fromByteOffset: 8, as: UInt8.self)
            && suffix.load(fromByteOffset: 73, as: UInt8.self) == UInt8(ascii: "\"")
            && suffix.load(fromByteOffset: 74, as: UInt8.self) == UInt8(ascii: "}")
    }

    private static let hashFramePrefix: StaticString = ",\"hash\":\""
}

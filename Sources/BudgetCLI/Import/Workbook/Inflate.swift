import BudgetText

/// DEFLATE (RFC 1951) decompression, for the parts of an .xlsx workbook: stored, fixed-Huffman
/// and dynamic-Huffman blocks. Codes are decoded a bit at a time against the canonical code's
/// counts (as zlib's `puff` does): simple, and fast enough for workbooks of a few megabytes.
/// Every length, distance and count is checked, and the output is bounded, so a damaged or
/// hostile part ends in a `Failure`, never a trap.
enum Inflate {
    struct Failure: Error, CustomStringConvertible {
        let reason: Message
        var description: String { reason.description }
        var explanation: Message { reason }
    }

    /// The bytes `input` decompresses to, at most `limit` of them.
    static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var state = State(input: input, limit: limit)
        var last = false
        while !last {
            last = try state.bits(1) == 1
            switch try state.bits(2) {
            case 0: try state.stored()
            case 1: try state.codes(Huffman.fixedLengths, Huffman.fixedDistances)
            case 2: try state.dynamic()
            default: throw Failure(reason: Message(.blockOfReservedType))
            }
        }
        return state.output
    }

    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        /// The code of `lengths` (a length of 0: the symbol is unused); nil when the lengths
        /// over-subscribe the code space, which no valid stream does.
        init?(lengths: [Int]) {
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            var left = 1
            for length in 1...15 {
                left = left * 2 - counts[length]
                if left < 0 { return nil }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }

        static let fixedLengths = Huffman(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })!
        static let fixedDistances = Huffman(lengths: [Int](repeating: 5, count: 30))!
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order in which a dynamic block gives the code lengths of the code-length code.
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    struct State {
        let input: [UInt8]
        let limit: Int
        var position = 0
        var bitBuffer = 0
        var bitCount = 0
        var output: [UInt8] = []

        init(input: [UInt8], limit: Int) { self.input = input; self.limit = limit }

        /// The next `count` bits, least significant first.
        mutating func bits(_ count: Int) throws(Failure) -> Int {
            while bitCount < count {
                guard position < input.count else { throw Failure(reason: Message(.compressedDataEndsEarly)) }
                bitBuffer |= Int(input[position]) << bitCount
                position += 1
                bitCount += 8
            }
            let value = bitBuffer & ((1 << count) - 1)
            bitBuffer >>= count
            bitCount -= count
            return value
        }

        mutating func append(_ byte: UInt8) throws(Failure) {
            guard output.count < limit else { throw Failure(reason: Message(.itDecompressesToMoreThan, limit >> 20)) }
            output.append(byte)
        }

        /// A stored block: aligned to a byte, its length and the length's complement, then the bytes.
        mutating func stored() throws(Failure) {
            bitBuffer = 0
            bitCount = 0
            guard position + 4 <= input.count else { throw Failure(reason: Message(.compressedDataEndsEarly)) }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
            position += 4
            guard length == ~complement & 0xFFFF else { throw Failure(reason: Message(.storedBlockSLengthDoes)) }
            guard position + length <= input.count else { throw Failure(reason: Message(.compressedDataEndsEarly)) }
            guard output.count + length <= limit else { throw Failure(reason: Message(.itDecompressesToMoreThan, limit >> 20)) }
            output += input[position..<(position + length)]
            position += length
        }

        /// One symbol of `code`.
        mutating func decode(_ code: Huffman) throws(Failure) -> Int {
            var value = 0, first = 0, index = 0
            for length in 1...15 {
                value |= try bits(1)
                let count = code.counts[length]
                if value - first < count { return code.symbols[index + value - first] }
                index += count
                first = (first + count) << 1
                value <<= 1
            }
            throw Failure(reason: Message(.codeThatBlockSHuffman))
        }

        /// Literals and length-distance pairs up to the end-of-block symbol.
        mutating func codes(_ lengths: Huffman, _ distances: Huffman) throws(Failure) {
            while true {
                let symbol = try decode(lengths)
                if symbol < 256 { try append(UInt8(symbol)); continue }
                if symbol == 256 { return }
                let lengthIndex = symbol - 257
                guard lengthIndex < Inflate.lengthBase.count else { throw Failure(reason: Message(.invalidLengthSymbol)) }
                let length = Inflate.lengthBase[lengthIndex] + (try bits(Inflate.lengthExtra[lengthIndex]))
                let distanceSymbol = try decode(distances)
                guard distanceSymbol < Inflate.distanceBase.count else { throw Failure(reason: Message(.invalidDistanceSymbol)) }
                let distance = Inflate.distanceBase[distanceSymbol] + (try bits(Inflate.distanceExtra[distanceSymbol]))
                guard distance <= output.count else { throw Failure(reason: Message(.distanceBackPastStartOf)) }
                guard output.count + length <= limit else { throw Failure(reason: Message(.itDecompressesToMoreThan, limit >> 20)) }
                let start = output.count - distance
                for offset in 0..<length { output.append(output[start + offset]) }
            }
        }

        /// A dynamic block: its two codes, themselves given in a code of code lengths, then its data.
        mutating func dynamic() throws(Failure) {
            let literalCount = try bits(5) + 257, distanceCount = try bits(5) + 1, codeLengthCount = try bits(4) + 4
            guard literalCount <= 286, distanceCount <= 30 else { throw Failure(reason: Message(.tooManyCodesInDynamic)) }
            var codeLengthLengths = [Int](repeating: 0, count: 19)
            for index in 0..<codeLengthCount { codeLengthLengths[Inflate.codeLengthOrder[index]] = try bits(3) }
            guard let codeLengths = Huffman(lengths: codeLengthLengths) else { throw Failure(reason: Message(.invalidCodeLengthCode)) }
            var lengths: [Int] = []
            while lengths.count < literalCount + distanceCount {
                let symbol = try decode(codeLengths)
                switch symbol {
                case 0...15: lengths.append(symbol)
                case 16:
                    guard let previous = lengths.last else { throw Failure(reason: Message(.repeatWithNoLengthBefore)) }
                    lengths += repeatElement(previous, count: 3 + (try bits(2)))
                case 17: lengths += repeatElement(0, count: 3 + (try bits(3)))
                default: lengths += repeatElement(0, count: 11 + (try bits(7)))
                }
            }
            guard lengths.count == literalCount + distanceCount else { throw Failure(reason: Message(.codeLengthsRunPastTheir)) }
            guard lengths[256] != 0 else { throw Failure(reason: Message(.dynamicBlockWithoutEndOf)) }
            guard let literal = Huffman(lengths: Array(lengths[..<literalCount])),
                  let distance = Huffman(lengths: Array(lengths[literalCount...])) else { throw Failure(reason: Message(.invalidHuffmanCode)) }
            try codes(literal, distance)
        }
    }
}

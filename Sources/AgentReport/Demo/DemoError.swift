/// Why `demo` refused or failed.
public enum DemoError: Error, CustomStringConvertible, Equatable {
    /// An option out of range.
    case invalidOption(String)
    /// The target folder exists and is not empty.
    case directoryNotEmpty(String)
    /// Writing the workspace failed (disk, git).
    case failed(String)

    public var description: String {
        switch self {
        case .invalidOption(let message): message
        case .directoryNotEmpty(let path): "\(path) exists and is not empty; demo only writes into an empty or new folder"
        case .failed(let message): message
        }
    }
}

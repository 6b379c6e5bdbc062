using System.Security.Cryptography;

namespace RiskMap.Api.Hosting;

/// <summary>
/// Files and folders the service writes for itself (uploads waiting for their import, archives unpacked to be read):
/// folders mode 0700 and files 0600, so that no other local user can list or read what users uploaded.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rwx for the service's user only (0700).</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw for the service's user only (0600).</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates <paramref name="path"/> (and missing parents) with mode 0700; an existing folder is narrowed to 0700.
    /// Only for folders that belong to the service (its upload folder), never a user's own folder.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be created or its mode set.</exception>
    public static DirectoryInfo CreateDirectory(string path)
    {
        var directory = Directory.CreateDirectory(path, DirectoryMode);
        if (File.GetUnixFileMode(directory.FullName) != DirectoryMode) File.SetUnixFileMode(directory.FullName, DirectoryMode);
        return directory;
    }

    /// <summary>Creates the new file <paramref name="path"/> with mode 0600 and opens it for writing.</summary>
    /// <exception cref="IOException">The file exists already or cannot be created.</exception>
    public static FileStream CreateFile(string path) => new(path, new FileStreamOptions
    {
        Mode = System.IO.FileMode.CreateNew,
        Access = FileAccess.Write,
        UnixCreateMode = FileMode,
        Options = FileOptions.Asynchronous,
    });

    /// <summary>
    /// A new folder (mode 0700) named <paramref name="prefix"/> and 16 random hex digits inside
    /// <paramref name="parent"/> (the system's temporary folder when null), deleted with everything in it on dispose.
    /// </summary>
    public static TemporaryDirectory CreateTemporaryDirectory(string? parent, string prefix)
    {
        var root = string.IsNullOrWhiteSpace(parent) ? Path.GetTempPath() : parent;
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        Directory.CreateDirectory(path, DirectoryMode);
        return new TemporaryDirectory(path);
    }
}

/// <summary>A private working folder that is deleted, with its content, when disposed.</summary>
/// <param name="path">The folder, which exists.</param>
public sealed class TemporaryDirectory(string path) : IDisposable
{
    /// <summary>Full path of the folder.</summary>
    public string Path { get; } = path;

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}

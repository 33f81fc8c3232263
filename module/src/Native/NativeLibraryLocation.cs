using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// Where the Rust library for this OS and CPU is: `runtimes/&lt;rid&gt;/native/` in the module folder (the
    /// NuGet layout, one folder per platform in a packaged module), then the module folder itself.
    /// </summary>
    internal static class NativeLibraryLocation
    {
        public static string RuntimeIdentifier
        {
            get
            {
                var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
                    : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
                var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
                return $"{os}-{arch}";
            }
        }

        public static string FileName =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? $"{Interop.NativeLib}.dll"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? $"lib{Interop.NativeLib}.dylib"
            : $"lib{Interop.NativeLib}.so";

        /// <summary>The library's full path in <paramref name="moduleFolder"/>, or a DllNotFoundException saying what is missing.</summary>
        public static string Find(string moduleFolder)
        {
            var native = Path.Combine(moduleFolder, "runtimes", RuntimeIdentifier, "native");
            foreach (var candidate in new[] { Path.Combine(native, FileName), Path.Combine(moduleFolder, FileName) })
                if (File.Exists(candidate)) return candidate;
            throw new DllNotFoundException(
                $"CognitoAdminAuth has no native library for {RuntimeIdentifier}: looked for {FileName} in " +
                $"'{native}' and '{moduleFolder}'. " +
                $"This copy of the module holds libraries for: {PackagedRuntimes(moduleFolder)}. " +
                "Build the library on that platform with build.ps1 and add it as runtimes/<rid>/native (docs/toolchain.md).");
        }

        // The platforms a package was built with, to tell a user on another one what the package is for.
        private static string PackagedRuntimes(string moduleFolder)
        {
            var runtimes = Path.Combine(moduleFolder, "runtimes");
            var found = Directory.Exists(runtimes)
                ? Directory.GetDirectories(runtimes).Where(d => Directory.Exists(Path.Combine(d, "native"))).Select(Path.GetFileName).OrderBy(n => n).ToArray()
                : new string[0];
            return found.Length > 0 ? string.Join(", ", found) : "none";
        }
    }
}

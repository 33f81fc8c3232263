using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// Finds the Rust library for this OS and CPU: first `runtimes/&lt;rid&gt;/native/` beside the module
    /// assembly (the NuGet layout, one folder per platform in a packaged module), then the assembly's own
    /// folder. Registered on first use, so importing the module loads nothing native.
    /// </summary>
    internal static class NativeLibraryResolver
    {
        private static readonly object Gate = new object();
        private static bool _registered;

        public static void EnsureRegistered()
        {
            lock (Gate)
            {
                if (_registered) return;
                NativeLibrary.SetDllImportResolver(typeof(Interop).Assembly, Resolve);
                _registered = true;
            }
        }

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

        private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
        {
            if (name != Interop.NativeLib) return IntPtr.Zero;
            var dir = Path.GetDirectoryName(assembly.Location) ?? ".";
            foreach (var candidate in new[] { Path.Combine(dir, "runtimes", RuntimeIdentifier, "native", FileName), Path.Combine(dir, FileName) })
                if (File.Exists(candidate)) return NativeLibrary.Load(candidate);
            throw new DllNotFoundException(
                $"CognitoAdminAuth has no native library for {RuntimeIdentifier}: looked for {FileName} in " +
                $"'{Path.Combine(dir, "runtimes", RuntimeIdentifier, "native")}' and '{dir}'. " +
                $"This copy of the module holds libraries for: {PackagedRuntimes(dir)}. " +
                "Build the library on that platform with build.ps1 and add it as runtimes/<rid>/native (docs/toolchain.md).");
        }

        // The platforms a package was built with, to tell a user on another one what the package is for.
        private static string PackagedRuntimes(string dir)
        {
            var runtimes = Path.Combine(dir, "runtimes");
            var found = Directory.Exists(runtimes)
                ? Directory.GetDirectories(runtimes).Where(d => Directory.Exists(Path.Combine(d, "native"))).Select(Path.GetFileName).OrderBy(n => n).ToArray()
                : Array.Empty<string>();
            return found.Length > 0 ? string.Join(", ", found) : "none";
        }
    }
}

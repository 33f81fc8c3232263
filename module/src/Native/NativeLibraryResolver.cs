using System;
using System.IO;
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
                $"'{Path.Combine(dir, "runtimes", RuntimeIdentifier, "native")}' and '{dir}'. Build it with build.ps1 on that platform.");
        }
    }
}

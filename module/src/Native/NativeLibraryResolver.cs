using System;
using System.ComponentModel;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// Loads the Rust library from the module folder (<see cref="NativeLibraryLocation"/>) at the first call, so
    /// importing the module loads nothing native. The one assembly runs on two runtimes:
    /// - .NET Framework (Windows PowerShell 5.1) has no NativeLibrary: the library is loaded by full path, and the
    ///   DllImports by bare name then find it among the process's modules.
    /// - .NET (PowerShell 7) resolves DllImports through NativeLibrary, which the netstandard2.0 reference
    ///   assemblies do not have: it is reached by reflection, once.
    /// </summary>
    internal static class NativeLibraryResolver
    {
        private static readonly object Gate = new object();
        private static IntPtr _handle;

        internal static bool IsNetFramework => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        public static void EnsureRegistered()
        {
            lock (Gate)
            {
                if (_handle != IntPtr.Zero) return;
                var path = NativeLibraryLocation.Find(Path.GetDirectoryName(typeof(Interop).Assembly.Location) ?? ".");
                _handle = IsNetFramework ? LoadOnWindows(path) : LoadThroughNativeLibrary(path);
            }
        }

        // LOAD_WITH_ALTERED_SEARCH_PATH: what the library itself imports is searched from its own folder first.
        internal static IntPtr LoadOnWindows(string path)
        {
            const uint loadWithAlteredSearchPath = 0x00000008;
            var handle = LoadLibraryExW(path, IntPtr.Zero, loadWithAlteredSearchPath);
            if (handle == IntPtr.Zero)
                throw new DllNotFoundException($"CognitoAdminAuth could not load '{path}': {new Win32Exception(Marshal.GetLastWin32Error()).Message}");
            return handle;
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
        private static extern IntPtr LoadLibraryExW(string fileName, IntPtr reserved, uint flags);

        private static IntPtr LoadThroughNativeLibrary(string path)
        {
            var nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary", throwOnError: true);
            var resolverType = Type.GetType("System.Runtime.InteropServices.DllImportResolver", throwOnError: true);
            var handle = (IntPtr)nativeLibrary.GetMethod("Load", new[] { typeof(string) }).Invoke(null, new object[] { path });
            var resolve = typeof(NativeLibraryResolver).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Static);
            nativeLibrary.GetMethod("SetDllImportResolver")
                .Invoke(null, new object[] { typeof(Interop).Assembly, Delegate.CreateDelegate(resolverType, resolve) });
            return handle;
        }

        private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
            name == Interop.NativeLib ? _handle : IntPtr.Zero;
    }
}

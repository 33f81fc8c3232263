using System;
using System.ComponentModel;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// Loads the Rust library for the .NET Framework flavour, which sits in desktop/ one level below the module
    /// folder that holds runtimes/. .NET Framework has no NativeLibrary to point DllImport at a file, so the
    /// library is loaded by its full path first and the DllImports by bare name find it among the process's
    /// modules. Done on first use, so importing the module loads nothing native.
    /// </summary>
    internal static class NativeLibraryResolver
    {
        private static readonly object Gate = new object();
        private static IntPtr _handle;

        public static void EnsureRegistered()
        {
            lock (Gate)
            {
                if (_handle != IntPtr.Zero) return;
                var assemblyFolder = Path.GetDirectoryName(typeof(Interop).Assembly.Location) ?? ".";
                var path = NativeLibraryLocation.Find(Path.GetDirectoryName(assemblyFolder) ?? assemblyFolder);
                _handle = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? LoadOnWindows(path) : LoadInCoreRuntime(path);
            }
        }

        // LOAD_WITH_ALTERED_SEARCH_PATH: what the library itself imports is searched from its own folder first.
        private static IntPtr LoadOnWindows(string path)
        {
            const uint loadWithAlteredSearchPath = 0x00000008;
            var handle = LoadLibraryExW(path, IntPtr.Zero, loadWithAlteredSearchPath);
            if (handle == IntPtr.Zero)
                throw new DllNotFoundException($"CognitoAdminAuth could not load '{path}': {new Win32Exception(Marshal.GetLastWin32Error()).Message}");
            return handle;
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
        private static extern IntPtr LoadLibraryExW(string fileName, IntPtr reserved, uint flags);

        // Not Windows, so not .NET Framework: PowerShell 7 has loaded this flavour (the tests do, on Linux). The
        // runtime's NativeLibrary exists there but not in the net472 reference assemblies: reached by reflection.
        private static IntPtr LoadInCoreRuntime(string path)
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

using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// Points the runtime's DllImport lookup of the Rust library at <see cref="NativeLibraryLocation"/> beside the
    /// module assembly. Registered on first use, so importing the module loads nothing native.
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

        private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
            name == Interop.NativeLib
                ? NativeLibrary.Load(NativeLibraryLocation.Find(Path.GetDirectoryName(assembly.Location) ?? "."))
                : IntPtr.Zero;
    }
}

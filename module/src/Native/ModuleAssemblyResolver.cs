using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// Windows PowerShell 5.1 applies no binding redirects for a module, and the System.Text.Json package's
    /// assemblies ask for other versions of each other (System.Memory for System.Runtime.CompilerServices.Unsafe
    /// 4.0.4.1 where 6.0.0.0 ships): such a request is answered with the copy beside the module, for the names on
    /// the list only, so the module never answers for another module's assemblies. .NET has these assemblies
    /// in-box and binds its own: nothing is registered there. Removed with the module (Remove-Module).
    /// </summary>
    public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string Folder = Path.GetDirectoryName(typeof(ModuleAssemblyResolver).Assembly.Location) ?? ".";

        /// <summary>What ships beside the module (build.ps1 copies exactly these; tests/TwoEditions.Tests.ps1 checks it).</summary>
        internal static readonly HashSet<string> Shipped = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Microsoft.Bcl.AsyncInterfaces", "System.Buffers", "System.Memory", "System.Numerics.Vectors",
            "System.Runtime.CompilerServices.Unsafe", "System.Text.Encodings.Web", "System.Text.Json",
            "System.Threading.Tasks.Extensions",
        };

        public void OnImport()
        {
            if (NativeLibraryResolver.IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        public void OnRemove(PSModuleInfo module) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly Resolve(object sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (!Shipped.Contains(name)) return null;
            var path = Path.Combine(Folder, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}

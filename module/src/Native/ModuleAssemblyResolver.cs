using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using CognitoAdminAuth.Aws;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// The module's import: it chooses the session's AWS types (<see cref="SessionAssemblies"/>) and answers two
    /// kinds of assembly request, for the module's own assemblies only, so it never answers for another module's.
    /// Windows PowerShell 5.1 applies no binding redirects for a module, and the System.Text.Json package's
    /// assemblies ask for other versions of each other (System.Memory for System.Runtime.CompilerServices.Unsafe
    /// 4.0.4.1 where 6.0.0.0 ships): such a request is answered with the copy beside the module (.NET has these
    /// in-box and binds its own). The Cognito stand-in built on AWSSDK.Core 3.x asks for that version where the
    /// session has 4.x: it gets the session's. Removed with the module (Remove-Module).
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
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            _ = SessionAssemblies.Current;
        }

        public void OnRemove(PSModuleInfo module) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly Resolve(object sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (name == SessionAssemblies.CoreName && args.RequestingAssembly?.GetName().Name == SessionAssemblies.StandInOnSdkName)
                return AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == SessionAssemblies.CoreName);
            if (!NativeLibraryResolver.IsNetFramework || !Shipped.Contains(name)) return null;
            var path = Path.Combine(Folder, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}

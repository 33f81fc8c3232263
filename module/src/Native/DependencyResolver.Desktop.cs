using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// Windows PowerShell 5.1 applies no binding redirects for a module, and the System.Text.Json package's
    /// assemblies ask for other versions of each other (System.Memory for System.Runtime.CompilerServices.Unsafe
    /// 4.0.4.1 where 6.0.0.0 ships): such a request is answered with the copy in desktop/. Registered when the
    /// module is imported, before any of them is needed.
    /// </summary>
    public sealed class DesktopDependencyResolver : IModuleAssemblyInitializer
    {
        private static readonly string Folder = Path.GetDirectoryName(typeof(DesktopDependencyResolver).Assembly.Location) ?? ".";

        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        private static Assembly Resolve(object sender, ResolveEventArgs args)
        {
            var path = Path.Combine(Folder, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}

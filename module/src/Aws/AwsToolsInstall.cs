using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace CognitoAdminAuth.Aws
{
    /// <summary>
    /// The AWS SDK for .NET that an installed AWS.Tools would load, found as Import-Module finds a module:
    /// PSModulePath in order, the first folder that has the module, its highest version there. The module
    /// loads the very same file, so that a later Import-Module of AWS.Tools gets the assembly already loaded
    /// instead of a second copy.
    /// </summary>
    internal sealed class AwsToolsInstall
    {
        /// <summary>Modules that ship AWSSDK.Core, in the order AWS documents them (modular first, then the monolithic ones).</summary>
        private static readonly string[] CoreModules = { "AWS.Tools.Common", "AWSPowerShell.NetCore", "AWSPowerShell" };
        /// <summary>Where AWSSDK.CognitoIdentityProvider ships: its own modular module, or beside Core in a monolithic one.</summary>
        private static readonly string[] CognitoModules = { "AWS.Tools.CognitoIdentityProvider", "AWSPowerShell.NetCore", "AWSPowerShell" };

        private AwsToolsInstall(string coreDll, string moduleFolder) { CoreDll = coreDll; ModuleFolder = moduleFolder; }

        /// <summary>AWSSDK.Core.dll of the install.</summary>
        public string CoreDll { get; }
        /// <summary>The versioned module folder that holds it (AWS.Tools.Common's also holds its history, in V4).</summary>
        public string ModuleFolder { get; }

        public static AwsToolsInstall Find(string psModulePath)
        {
            foreach (var module in CoreModules)
            {
                var folder = ModuleFolders(psModulePath, module).FirstOrDefault(f => File.Exists(Path.Combine(f, "AWSSDK.Core.dll")));
                if (folder != null) return new AwsToolsInstall(Path.Combine(folder, "AWSSDK.Core.dll"), folder);
            }
            return null;
        }

        /// <summary>
        /// The installed AWSSDK.CognitoIdentityProvider.dll built for the same major version of Core as
        /// <paramref name="core"/> (AWS.Tools V4 ships 3.x assemblies, V5 4.x); null when there is none.
        /// </summary>
        public static string FindCognito(string psModulePath, Version core)
        {
            foreach (var module in CognitoModules)
                foreach (var folder in ModuleFolders(psModulePath, module))
                {
                    var dll = Path.Combine(folder, "AWSSDK.CognitoIdentityProvider.dll");
                    if (File.Exists(dll) && MajorVersion(dll) == core.Major) return dll;
                }
            return null;
        }

        private static int MajorVersion(string dll)
        {
            try { return AssemblyName.GetAssemblyName(dll).Version.Major; }
            catch (Exception e) when (e is BadImageFormatException || e is IOException) { return -1; }
        }

        /// <summary>The module's folders with a manifest, highest version first, in the first PSModulePath entry that has any.</summary>
        private static IEnumerable<string> ModuleFolders(string psModulePath, string module)
        {
            foreach (var root in (psModulePath ?? string.Empty).Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                var moduleRoot = Path.Combine(root.Trim(), module);
                if (!Directory.Exists(moduleRoot)) continue;
                var manifest = module + ".psd1";
                var versions = Directory.GetDirectories(moduleRoot)
                    .Select(d => (Folder: d, Version: Version.TryParse(Path.GetFileName(d), out var v) ? v : null))
                    .Where(d => d.Version != null && File.Exists(Path.Combine(d.Folder, manifest)))
                    .OrderByDescending(d => d.Version)
                    .Select(d => d.Folder)
                    .ToList();
                if (File.Exists(Path.Combine(moduleRoot, manifest))) versions.Add(moduleRoot);
                if (versions.Count > 0) return versions;
            }
            return Enumerable.Empty<string>();
        }
    }
}

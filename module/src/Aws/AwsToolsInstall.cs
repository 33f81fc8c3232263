using System;
using System.Collections.Generic;
using System.IO;
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
                foreach (var folder in ModuleFolders(psModulePath, module))
                {
                    var dll = Path.Combine(folder, "AWSSDK.Core.dll");
                    if (File.Exists(dll)) return new AwsToolsInstall(dll, folder);
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

        /// <summary>
        /// The module's folders with a manifest, highest version first, in the first PSModulePath entry that has
        /// any. Plain loops: this runs at every first import, where most sessions have no AWS.Tools at all.
        /// </summary>
        private static List<string> ModuleFolders(string psModulePath, string module)
        {
            var manifest = module + ".psd1";
            foreach (var root in (psModulePath ?? string.Empty).Split(Path.PathSeparator))
            {
                if (root.Trim().Length == 0) continue;
                var moduleRoot = Path.Combine(root.Trim(), module);
                if (!Directory.Exists(moduleRoot)) continue;
                var versions = new List<KeyValuePair<Version, string>>();
                foreach (var folder in Directory.GetDirectories(moduleRoot))
                    if (Version.TryParse(Path.GetFileName(folder), out var version) && File.Exists(Path.Combine(folder, manifest)))
                        versions.Add(new KeyValuePair<Version, string>(version, folder));
                versions.Sort((a, b) => b.Key.CompareTo(a.Key));
                var folders = versions.ConvertAll(v => v.Value);
                if (File.Exists(Path.Combine(moduleRoot, manifest))) folders.Add(moduleRoot);
                if (folders.Count > 0) return folders;
            }
            return new List<string>();
        }
    }
}

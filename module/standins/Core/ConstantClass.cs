using System;
using System.Collections.Generic;
using System.Reflection;

namespace Amazon.Runtime
{
    /// <summary>
    /// Stand-in for AWSSDK.Core's ConstantClass, loaded only in sessions without the AWS SDK for .NET. Same
    /// members as the SDK's, so that the Cognito stand-ins compile against either: known values match
    /// case-insensitively and come back as the declared instance; unknown ones pass through unchanged. As in the
    /// SDK, a value PowerShell built with the constructor ('user_srp_auth') turns into its canonical spelling
    /// when written out (ToString, string conversion).
    /// </summary>
    public class ConstantClass : IEquatable<ConstantClass>
    {
        private static readonly Dictionary<Type, Dictionary<string, ConstantClass>> Declared = new Dictionary<Type, Dictionary<string, ConstantClass>>();

        protected ConstantClass(string value) { Value = value; }

        public string Value { get; }

        public override string ToString() => Intern().Value;
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value ?? string.Empty);
        public override bool Equals(object obj) =>
            obj is ConstantClass c ? Equals(c) : obj is string s && string.Equals(Value, s, StringComparison.OrdinalIgnoreCase);
        public bool Equals(ConstantClass other) =>
            other != null && other.GetType() == GetType() && string.Equals(Value, other.Value, StringComparison.Ordinal);

        public static implicit operator string(ConstantClass value) => value?.Intern().Value;

        protected static T FindValue<T>(string value) where T : ConstantClass =>
            value == null ? null : KnownOf(typeof(T)).TryGetValue(value, out var found) ? (T)found : (T)Activator.CreateInstance(typeof(T), value);

        /// <summary>The declared instance of this value (matched case-insensitively), or this one.</summary>
        private ConstantClass Intern() => Value != null && KnownOf(GetType()).TryGetValue(Value, out var known) ? known : this;

        private static Dictionary<string, ConstantClass> KnownOf(Type type)
        {
            lock (Declared)
            {
                if (Declared.TryGetValue(type, out var known)) return known;
                known = new Dictionary<string, ConstantClass>(StringComparer.OrdinalIgnoreCase);
                Declared[type] = known;
                foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
                    if (f.GetValue(null) is ConstantClass c) known[c.Value] = c;
                return known;
            }
        }
    }
}

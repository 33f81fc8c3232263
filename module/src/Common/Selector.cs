using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace CognitoAdminAuth.Common
{
    /// <summary>
    /// The -Select grammar of AWS.Tools (spec §2.2–2.3): '*' for the whole response, '^Name' for one of the
    /// cmdlet's own parameters (by name or alias), or a dotted path of the response's declared properties
    /// that flattens collections on the way.
    /// </summary>
    internal sealed class Selector
    {
        public const string InvalidSelect = "Invalid value for -Select parameter.";
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly | BindingFlags.IgnoreCase;

        private readonly Func<object, Cmdlet, IEnumerable<object>> _select;

        private Selector(Func<object, Cmdlet, IEnumerable<object>> select) { _select = select; }

        public static readonly Selector Whole = new Selector((response, _) => new[] { response });

        /// <summary>A parameter '^Name' may name: its name and aliases, and how to read its value off the cmdlet.</summary>
        public sealed class Parameter
        {
            public Parameter(IEnumerable<string> names, Func<Cmdlet, object> value) { Names = names; Value = value; }
            public IEnumerable<string> Names { get; }
            public Func<Cmdlet, object> Value { get; }
        }

        /// <param name="ownParameters">The cmdlet's own parameters, which '^Name' may name.</param>
        public static Selector Parse(string value, Type responseType, IEnumerable<Parameter> ownParameters)
        {
            if (string.IsNullOrEmpty(value)) throw Invalid();
            if (value == "*") return Whole;
            if (value[0] == '^')
            {
                var name = value.Substring(1);
                var parameter = ownParameters.FirstOrDefault(p => p.Names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
                                ?? throw Invalid();
                return new Selector((_, cmdlet) => new[] { parameter.Value(cmdlet) });
            }
            var path = new List<PropertyInfo>();
            var type = responseType;
            foreach (var segment in value.Split('.'))
            {
                var matches = type.GetProperties(Declared).Where(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count != 1) throw Invalid();
                path.Add(matches[0]);
                type = ElementType(matches[0].PropertyType) ?? matches[0].PropertyType;
            }
            return new Selector((response, _) => Walk(response, path));
        }

        public IEnumerable<object> Apply(object response, Cmdlet cmdlet) => _select(response, cmdlet).Where(v => v != null);

        private static IEnumerable<object> Walk(object response, List<PropertyInfo> path)
        {
            IEnumerable<object> current = new[] { response };
            foreach (var property in path)
            {
                var flatten = ElementType(property.PropertyType) != null;
                current = current.Where(o => o != null).SelectMany(o =>
                {
                    var v = property.GetValue(o);
                    return flatten ? (v as IEnumerable)?.Cast<object>() ?? Enumerable.Empty<object>() : new[] { v };
                }).ToList();
            }
            return current;
        }

        /// <summary>The element type of a generic collection property (not of string).</summary>
        private static Type ElementType(Type t)
        {
            if (t == typeof(string)) return null;
            var enumerable = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEnumerable<>)
                ? t
                : t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
            return enumerable?.GetGenericArguments()[0];
        }

        /// <summary>A parameter declared as a property of the cmdlet class.</summary>
        public static Parameter OfProperty(PropertyInfo p) =>
            new Parameter(new[] { p.Name }.Concat(p.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames)), p.GetValue);

        private static ArgumentException Invalid() => new ArgumentException(InvalidSelect, "Select");
    }
}

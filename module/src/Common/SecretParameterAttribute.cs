using System;

namespace CognitoAdminAuth.Common
{
    /// <summary>
    /// Marks a secret the module adds beyond AWS.Tools (-Password, -ClientSecret, -DevicePassword): '-Select
    /// ^Name' does not hand it back and -Select completion does not offer it. AWS.Tools' own parameters keep
    /// AWS.Tools' behaviour.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class SecretParameterAttribute : Attribute { }
}

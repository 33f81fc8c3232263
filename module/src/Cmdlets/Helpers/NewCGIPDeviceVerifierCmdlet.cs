using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Cmdlets.Helpers
{
    /// <summary>
    /// A new device password, salt and verifier for ConfirmDevice (DeviceSecretVerifierConfig) after a sign-in
    /// returned NewDeviceMetadata. Keep DevicePassword with the device key: later device sign-ins need it.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CGIPDeviceVerifier")]
    [OutputType(typeof(PSObject))]
    public class NewCGIPDeviceVerifierCmdlet : NativeHelperCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string DeviceGroupKey { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string DeviceKey { get; set; }

        protected override void ProcessRecord()
        {
            var result = CallNative(NativeNames.Operation.DeviceVerifier, new DeviceInput { DeviceGroupKey = DeviceGroupKey, DeviceKey = DeviceKey }, DeviceVerifierAnswer.Read);
            var password = new SecureString();
            foreach (var c in result.DevicePassword) password.AppendChar(c);
            password.MakeReadOnly();
            var o = new PSObject();
            o.Properties.Add(new PSNoteProperty("DeviceKey", DeviceKey));
            o.Properties.Add(new PSNoteProperty("DeviceGroupKey", DeviceGroupKey));
            o.Properties.Add(new PSNoteProperty("DevicePassword", password));
            o.Properties.Add(new PSNoteProperty("PasswordVerifier", result.PasswordVerifier));
            o.Properties.Add(new PSNoteProperty("Salt", result.Salt));
            WriteObject(o);
        }
    }
}

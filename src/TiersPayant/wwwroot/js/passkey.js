// Passkey ceremonies (WebAuthn) for the portal. The server renders the options as JSON in a
// <script type="application/json"> block; this script asks the browser's authenticator and
// posts the result with the form. No inline script: the page's CSP allows only this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
    for (const form of document.querySelectorAll("form[data-passkey]")) {
        form.addEventListener("submit", async (event) => {
            const field = form.querySelector("input[name=credential]");
            if (field.value) {
                return; // second pass: the credential is filled in, let the form go
            }
            event.preventDefault();
            const status = form.querySelector("[data-passkey-status]");
            try {
                const options = JSON.parse(document.getElementById(form.dataset.passkeyOptions).textContent);
                const credential = form.dataset.passkey === "create"
                    ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
                    : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
                field.value = JSON.stringify(credential.toJSON());
                form.submit();
            } catch (error) {
                if (status) {
                    status.textContent = status.dataset.failed;
                }
            }
        });
    }
});

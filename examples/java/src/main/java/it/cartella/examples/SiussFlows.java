package it.cartella.examples;

import it.cartella.Cartella;
import it.cartella.DerivationOptions;
import it.cartella.Derivazione;
import it.cartella.FlowCheckOptions;
import it.cartella.Flusso;
import it.cartella.RegistroInvii;
import it.cartella.Siuss;
import it.cartella.ffi.Canale;
import it.cartella.ffi.HttpResponse;
import it.cartella.ffi.Issue;
import it.cartella.ffi.Report;
import it.cartella.ffi.Severity;
import it.cartella.ffi.VoceRegistro;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The INPS flow workflow of a vendor (docs/src/siuss.md, "Worked example") for the WaaS channel:
 * derive the PS-PSA-SINA flow of the sample percorso-completo, print the findings, write the XML
 * (to the directory given as argument, default the current one), check it, register it in a send
 * register and print what {@code GET /flussi?since=0&limit=10} answers. Exit status 1 when the
 * flow is not valid or not listed.
 */
public final class SiussFlows {
    public static void main(String[] args) throws Exception {
        Path outDir = Path.of(args.length > 0 ? args[0] : ".");
        boolean ok = true;
        try (Cartella cartella = Cartella.fromSample("percorso-completo");
                RegistroInvii registro = new RegistroInvii()) {
            // 1. Derive the PS-PSA-SINA flows (one per prestazione on the WaaS channel). The
            //    one-line region table is a stand-in: register the real ISTAT -> DM 1986 table
            //    (README, open question 17); without it, Italian residents fail with SIUSS-PS-082.
            DerivationOptions options = DerivationOptions.of("RSSMRA80A01H501U")
                    .canale(Canale.WAAS)
                    .dataRiferimento(LocalDate.of(2024, 6, 30))
                    .dataCreazione(LocalDate.of(2024, 7, 1))
                    .regioneDm1986("03", "03");
            Derivazione d = Siuss.derivePeriod(cartella, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 6, 30), options);
            List<String> derived = new ArrayList<>();
            for (Flusso f : d.getFlussi()) {
                derived.add(f.getNome());
            }
            System.out.printf("derived %d flow(s): %s%n", derived.size(), derived);
            for (Issue issue : d.getReport().getIssues()) {
                System.out.printf("  %-7s %-14s %s: %s%n", issue.getSeverity(), issue.getRuleId(), issue.getPath(),
                        issue.getMessageEn());
            }
            if (derived.isEmpty()) {
                System.out.println("no flow derived");
                System.exit(1);
            }

            for (Flusso flusso : d.getFlussi()) {
                // 2. Write the XML (INPS format), named after the flow (= its WaaS id_flusso).
                Path path = outDir.resolve(flusso.getNome() + ".xml");
                Files.writeString(path, flusso.toXml());
                System.out.println("wrote " + path);

                // 3. Check it as INPS will for the WaaS channel (one item per flow): no errors expected.
                Report report = Siuss.checkFile(path,
                        FlowCheckOptions.defaults().canale(Canale.WAAS).asOf(LocalDate.of(2024, 6, 30)));
                long errors = report.getIssues().stream().filter(i -> i.getSeverity() == Severity.ERROR).count();
                System.out.printf("check %s (waas): valid=%s errors=%d%n", flusso.getNome(), report.isValid(), errors);
                ok &= report.isValid();

                // 4. Register it: a PRONTO entry with its ts_flusso (persist the register with toJson()).
                registro.add(flusso);
            }

            // 5. What the WaaS API answers to INPS's GET /flussi?since=0&limit=10. The body is JSON
            //    ({"elenco_flussi": [{"id_flusso": ...}, ...]}); a regex keeps the example dependency-free.
            HttpResponse response = Siuss.getFlussi("since=0&limit=10", registro);
            System.out.println("GET /flussi?since=0&limit=10 -> " + response.getStatus());
            List<String> listed = new ArrayList<>();
            Matcher m = Pattern.compile("\"id_flusso\":\"([^\"]+)\"").matcher(response.getBody() == null ? "" : response.getBody());
            while (m.find()) {
                listed.add(m.group(1));
                VoceRegistro voce = registro.voce(m.group(1)); // returned entries move PRONTO -> ESPOSTO
                System.out.printf("  id_flusso %s (%s)%n", m.group(1), voce == null ? "?" : voce.getStato());
            }
            ok &= response.getStatus() == 200 && listed.equals(derived);
        }
        System.out.println(ok ? "flow workflow OK" : "flow workflow NOT as expected");
        if (!ok) {
            System.exit(1);
        }
    }

    private SiussFlows() {}
}

package it.cartella.examples

import it.cartella.Cartella
import it.cartella.DerivationOptions
import it.cartella.FlowCheckOptions
import it.cartella.RegistroInvii
import it.cartella.Siuss
import it.cartella.ffi.Canale
import it.cartella.ffi.Severity
import java.nio.file.Files
import java.nio.file.Path
import java.time.LocalDate
import kotlin.system.exitProcess

/**
 * The INPS flow workflow of a vendor (docs/src/siuss.md, "Worked example") for the WaaS channel:
 * derive the PS-PSA-SINA flow of the sample percorso-completo, print the findings, write the XML
 * (to the directory given as argument, default the current one), check it, register it in a send
 * register and print what `GET /flussi?since=0&limit=10` answers. Exit status 1 when the flow is
 * not valid or not listed.
 */
fun main(args: Array<String>) {
    val outDir = Path.of(args.firstOrNull() ?: ".")
    var ok = true
    Cartella.fromSample("percorso-completo").use { cartella ->
        RegistroInvii().use { registro ->
            // 1. Derive the PS-PSA-SINA flows (one per prestazione on the WaaS channel). The
            //    one-line region table is a stand-in: register the real ISTAT -> DM 1986 table
            //    (README, open question 17); without it, Italian residents fail with SIUSS-PS-082.
            val options = DerivationOptions.of("RSSMRA80A01H501U")
                .canale(Canale.WAAS)
                .dataRiferimento(LocalDate.of(2024, 6, 30))
                .dataCreazione(LocalDate.of(2024, 7, 1))
                .regioneDm1986("03", "03")
            val d = Siuss.derivePeriod(cartella, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 6, 30), options)
            val derived = d.flussi.map { it.nome }
            println("derived ${derived.size} flow(s): $derived")
            for (issue in d.report.issues) {
                println("  %-7s %-14s %s: %s".format(issue.severity, issue.ruleId, issue.path, issue.messageEn))
            }
            if (derived.isEmpty()) {
                println("no flow derived")
                exitProcess(1)
            }

            for (flusso in d.flussi) {
                // 2. Write the XML (INPS format), named after the flow (= its WaaS id_flusso).
                val path = outDir.resolve("${flusso.nome}.xml")
                Files.writeString(path, flusso.toXml())
                println("wrote $path")

                // 3. Check it as INPS will for the WaaS channel (one item per flow): no errors expected.
                val report = Siuss.checkFile(path, FlowCheckOptions.defaults().canale(Canale.WAAS).asOf(LocalDate.of(2024, 6, 30)))
                val errors = report.issues.count { it.severity == Severity.ERROR }
                println("check ${flusso.nome} (waas): valid=${report.isValid} errors=$errors")
                ok = ok && report.isValid

                // 4. Register it: a PRONTO entry with its ts_flusso (persist the register with toJson()).
                registro.add(flusso)
            }

            // 5. What the WaaS API answers to INPS's GET /flussi?since=0&limit=10. The body is JSON
            //    ({"elenco_flussi": [{"id_flusso": ...}, ...]}); a regex keeps the example dependency-free.
            val response = Siuss.getFlussi("since=0&limit=10", registro)
            println("GET /flussi?since=0&limit=10 -> ${response.status}")
            val listed = Regex("\"id_flusso\":\"([^\"]+)\"").findAll(response.body ?: "").map { it.groupValues[1] }.toList()
            for (id in listed) {
                // Returned entries move PRONTO -> ESPOSTO.
                println("  id_flusso $id (${registro.voce(id)?.stato ?: "?"})")
            }
            ok = ok && response.status == 200 && listed == derived
        }
    }
    println(if (ok) "flow workflow OK" else "flow workflow NOT as expected")
    if (!ok) exitProcess(1)
}

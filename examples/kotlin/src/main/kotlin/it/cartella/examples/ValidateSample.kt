package it.cartella.examples

import it.cartella.Cartella
import it.cartella.CodiceFiscale
import it.cartella.Samples
import it.cartella.ValidationOptions
import it.cartella.ffi.CartellaException
import it.cartella.ffi.Profile
import it.cartella.ffi.Severity
import java.io.File
import java.time.LocalDate
import kotlin.system.exitProcess

/** Validates a sample cartella (or a canonical JSON file) and prints the findings. */
fun main(args: Array<String>) {
    val what = args.firstOrNull() ?: "percorso-completo"
    val options = ValidationOptions.defaults()
        .profile(Profile.GUIDELINE)
        .asOf(LocalDate.of(2025, 1, 15))
    try {
        val cartella = if (File(what).isFile) Cartella.fromPath(File(what).toPath()) else Cartella.fromSample(what)
        cartella.use { c ->
            val report = c.validate(options)
            println("cartella ${c.idCartella} ($what): valid=${report.isValid}, ${report.issues.size} findings")
            val bySeverity = report.issues.groupingBy { it.severity }.eachCount()
            println("  errors=${bySeverity[Severity.ERROR] ?: 0} warnings=${bySeverity[Severity.WARNING] ?: 0} infos=${bySeverity[Severity.INFO] ?: 0}")
            for (issue in report.issues) {
                println("  %-7s %-12s %s: %s".format(issue.severity, issue.ruleId, issue.path, issue.messageEn))
            }
            c.assistito.codiceFiscale?.let { cf ->
                val d = CodiceFiscale.decode(cf)
                println("assistito ${d.masked}: valid=${d.isValid}, born ${d.birthDate} in ${d.birthplace?.name ?: "?"}")
            }
            for (p in c.processi) {
                println("processo ${p.idProcesso}: ${p.stato}, ${p.fasi.size} fasi; allowed next: ${c.allowedTransitions(p.idProcesso)}")
            }
        }
    } catch (e: CartellaException) {
        System.err.println("error: ${e.message}")
        exitProcess(2)
    }
    println("samples available: ${Samples.names()}")
}

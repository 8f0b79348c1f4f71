package it.cartella.examples;

import it.cartella.Cartella;
import it.cartella.CodiceFiscale;
import it.cartella.DecodedCf;
import it.cartella.Samples;
import it.cartella.ValidationOptions;
import it.cartella.ffi.CartellaException;
import it.cartella.ffi.Issue;
import it.cartella.ffi.Profile;
import it.cartella.ffi.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Validates a sample cartella (or a canonical JSON file) and prints the findings. */
public final class ValidateSample {
    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "percorso-completo";
        ValidationOptions options = ValidationOptions.defaults()
                .profile(Profile.GUIDELINE)
                .asOf(LocalDate.of(2025, 1, 15));

        try (Cartella cartella = Files.isRegularFile(Path.of(what))
                ? Cartella.fromPath(Path.of(what))
                : Cartella.fromSample(what)) {
            Report report = cartella.validate(options);
            System.out.printf("cartella %s (%s): valid=%s, %d findings, %d suppressed%n",
                    cartella.getIdCartella(), what, report.isValid(), report.getIssues().size(),
                    report.getSuppressed().size());
            for (Issue issue : report.getIssues()) {
                System.out.printf("  %-7s %-12s %s: %s%n", issue.getSeverity(), issue.getRuleId(),
                        issue.getPath(), issue.getMessageEn());
            }

            String cf = cartella.getAssistito().getCodiceFiscale();
            if (cf != null) {
                DecodedCf decoded = CodiceFiscale.decode(cf);
                System.out.printf("assistito %s: valid=%s, born %s in %s%n", decoded.getMasked(),
                        decoded.isValid(), decoded.getBirthDate(),
                        decoded.getBirthplace() == null ? "?" : decoded.getBirthplace().getName());
            }
        } catch (CartellaException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
        System.out.println("samples available: " + Samples.names());
    }

    private ValidateSample() {}
}

package it.cartella.examples;

import it.cartella.Cartella;
import it.cartella.CartellaLibrary;
import it.cartella.CodiceFiscale;
import it.cartella.Samples;
import it.cartella.ValidationOptions;
import it.cartella.Validator;
import it.cartella.ffi.Profile;
import it.cartella.ffi.Report;
import it.cartella.ffi.Sample;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Timed loop: validation of the embedded samples from the JVM, same method as the Rust loop
 * (bindings/ffi/examples/validate_loop.rs): profile guideline, as of 2025-01-15, one reusable
 * validator; "validate" on an already loaded cartella, "parse+validate" from the JSON text.
 * Prints one line per sample and measure: {@code jvm <measure> <sample> <ns/op>}.
 *
 * <p>Arguments: [seconds per measure, default 1.0].
 */
public final class Bench {
    private static volatile Object sink;

    interface Op {
        Object run() throws Exception;
    }

    static double nsPerOp(Op op, double seconds) throws Exception {
        // Warm-up: JIT and caches.
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmEnd) {
            sink = op.run();
        }
        long n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 16; i++) {
                sink = op.run();
            }
            n += 16;
            now = System.nanoTime();
        } while (now < end);
        return (double) (now - start) / n;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        ValidationOptions options = ValidationOptions.defaults()
                .profile(Profile.GUIDELINE)
                .asOf(LocalDate.of(2025, 1, 15));
        // The cost of crossing the boundary alone (JNA + uniffi), for reference.
        System.out.printf("jvm-only ffi-call cfIsValid %.0f%n", nsPerOp(() -> CodiceFiscale.isValid("RSSMRA80A01H501U"), seconds));
        System.out.printf("jvm-only ffi-call modelVersion %.0f%n", nsPerOp(CartellaLibrary::modelVersion, seconds));
        List<Cartella> loaded = new ArrayList<>();
        try (Validator validator = new Validator(options)) {
            for (Sample s : Samples.all()) {
                Cartella c = Cartella.fromJson(s.getJson());
                loaded.add(c);
                Report r = validator.validate(c);
                double v = nsPerOp(() -> validator.validate(c), seconds);
                System.out.printf("jvm validate %s %.0f%n", s.getName(), v);
                String json = s.getJson();
                double pv = nsPerOp(() -> validator.validateJson(json), seconds);
                System.out.printf("jvm parse+validate %s %.0f%n", s.getName(), pv);
                sink = r;
            }
            List<String> all = new ArrayList<>();
            for (Sample s : Samples.all()) {
                all.add(s.getJson());
            }
            System.out.printf("jvm batch all-samples %.0f%n", nsPerOp(() -> validator.validateAll(all), seconds));
        } finally {
            for (Cartella c : loaded) {
                c.close();
            }
        }
    }

    private Bench() {}
}

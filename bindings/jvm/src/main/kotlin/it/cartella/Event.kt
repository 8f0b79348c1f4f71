package it.cartella

import it.cartella.ffi.CartellaException
import it.cartella.ffi.EventData
import it.cartella.ffi.LifecycleEvent
import java.time.LocalDate
import java.time.OffsetDateTime
import java.time.format.DateTimeFormatter

/**
 * A lifecycle event of a processo di aiuto (`lifecycle.md` §4), built fluently and applied with
 * [Cartella.applyEvent]. Immutable: every method returns a new event.
 *
 * ```java
 * c.newAccess("P-2", Event.apriAccesso("A-2").on(LocalDate.of(2025, 3, 1)));
 * c.applyEvent("P-2", Event.chiudiAccesso("SOLO_INFORMAZIONE").on(LocalDate.of(2025, 3, 1)));
 * ```
 *
 * Model values are given as in the canonical JSON: outcome and role codes (`SOLO_INFORMAZIONE`,
 * `RESPONSABILE_PROGETTO`), records and entities as JSON objects.
 */
class Event private constructor(
    private val event: LifecycleEvent,
    private val date: String?,
    private val operatore: String?,
    private val nota: String?,
    internal val strict: Boolean,
) {
    private fun withEvent(e: LifecycleEvent) = Event(e, date, operatore, nota, strict)

    /** The event kind code (`APRI_ACCESSO`, …). */
    val kind: String
        get() = event.kind

    /** The event happens on [day]. */
    fun on(day: LocalDate): Event = Event(event, day.iso(), operatore, nota, strict)

    /** The event happens at [instant] (a time is needed when records of the same day must be ordered). */
    fun at(instant: OffsetDateTime): Event =
        Event(event, instant.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), operatore, nota, strict)

    /** The event happens at an instant in the model's `Istante` text form (`2024-01-10`, `2024-01-10T09:30:00+01:00`). */
    fun at(istante: String): Event = Event(event, istante, operatore, nota, strict)

    /** The acting operator's codice fiscale. */
    fun operatore(codiceFiscale: String): Event = Event(event, date, codiceFiscale, nota, strict)

    /** A note (the reason of `ANNULLA`, required there). */
    fun nota(text: String): Event = Event(event, date, operatore, text, strict)

    /** Strict mode: a soft guard not met refuses the event (with the guard's rule id). */
    fun strict(): Event = Event(event, date, operatore, nota, true)

    /** The `id_fase` of the record the event opens, or of the record it acts on. */
    fun idFase(idFase: String): Event = withEvent(event.copy(idFase = idFase))

    /** The whole record opened by the event, canonical JSON with `tipo_fase` (instead of an empty one). */
    fun record(recordJson: String): Event = withEvent(event.copy(recordJson = recordJson))

    /** Outcome code (`esito_processo`) of `CHIUDI_ACCESSO`, `NON_PRENDERE_IN_CARICO`, `CONCLUDI_SERVIZIO`. */
    fun esito(esito: String): Event = withEvent(event.copy(esito = esito))

    /** `SOSPENDI_SERVIZIO`: motivazione as a canonical `Codice` JSON object. */
    fun motivazione(codiceJson: String): Event = withEvent(event.copy(motivazioneJson = codiceJson))

    /** `TRASFERISCI`: ente destinatario (canonical `Ente` JSON), same region, message id. */
    @JvmOverloads
    fun destinatario(enteJson: String, stessaRegione: Boolean, idMessaggio: String? = null): Event =
        withEvent(event.copy(enteDestinatarioJson = enteJson, stessaRegione = stessaRegione, idMessaggio = idMessaggio))

    /** `CAMBIA_RESPONSABILE`: role code and the new operator (canonical `Operatore` JSON). */
    fun responsabile(ruolo: String, operatoreJson: String): Event =
        withEvent(event.copy(ruolo = ruolo, operatoreJson = operatoreJson))

    internal fun toFfi(): LifecycleEvent = event

    internal fun data(): EventData =
        EventData(
            date = date ?: throw CartellaException.InvalidArgument(
                "invalid argument date: the event needs a date (on/at)", "date",
            ),
            operatore = operatore,
            nota = nota,
        )

    override fun toString(): String = "Event(${event.kind}, ${event.idFase ?: ""}, $date)"

    companion object {
        /** An event of kind [kind] (`APRI_ACCESSO`, …); complete it with the methods above. */
        @JvmStatic
        fun of(kind: String): Event = Event(LifecycleEvent(kind = kind), null, null, null, false)

        private fun opening(kind: String, idFase: String) = of(kind).idFase(idFase)

        /** `APRI_ACCESSO`: opens the A record [idFase]. */
        @JvmStatic fun apriAccesso(idFase: String): Event = opening("APRI_ACCESSO", idFase)

        /** `AVVIA_VALUTAZIONE`: closes A, opens the B record [idFase]. */
        @JvmStatic fun avviaValutazione(idFase: String): Event = opening("AVVIA_VALUTAZIONE", idFase)

        /** `CHIUDI_ACCESSO` with outcome [esito] (`SOLO_INFORMAZIONE`, `INVIO_ALTRO_SERVIZIO`). */
        @JvmStatic fun chiudiAccesso(esito: String): Event = of("CHIUDI_ACCESSO").esito(esito)

        /** `PRENDI_IN_CARICO`: closes B, opens the C record [idFase]. */
        @JvmStatic fun prendiInCarico(idFase: String): Event = opening("PRENDI_IN_CARICO", idFase)

        /** `NON_PRENDERE_IN_CARICO` with outcome [esito]. */
        @JvmStatic fun nonPrendereInCarico(esito: String): Event = of("NON_PRENDERE_IN_CARICO").esito(esito)

        /** `APPROVA_PROGETTO`: closes the open C. */
        @JvmStatic fun approvaProgetto(): Event = of("APPROVA_PROGETTO")

        /** `REGISTRA_SERVIZIO`: opens the D record [idFase] in state V. */
        @JvmStatic fun registraServizio(idFase: String): Event = opening("REGISTRA_SERVIZIO", idFase)

        /** `METTI_IN_GRADUATORIA` of the D record [idFase]. */
        @JvmStatic fun mettiInGraduatoria(idFase: String): Event = opening("METTI_IN_GRADUATORIA", idFase)

        /** `ATTIVA_SERVIZIO` of a new D record [idFase]. */
        @JvmStatic fun attivaNuovoServizio(idFase: String): Event = opening("ATTIVA_SERVIZIO", idFase)

        /** `ATTIVA_SERVIZIO` of the D record [idFase] registered earlier. */
        @JvmStatic
        fun attivaServizioRegistrato(idFase: String): Event =
            of("ATTIVA_SERVIZIO").let { e -> e.withEvent(e.event.copy(idFase = idFase, registeredService = true)) }

        /** `SOSPENDI_SERVIZIO` of the D record [idFase]. */
        @JvmStatic fun sospendiServizio(idFase: String): Event = opening("SOSPENDI_SERVIZIO", idFase)

        /** `RIPRENDI_SERVIZIO` of the D record [idFase]. */
        @JvmStatic fun riprendiServizio(idFase: String): Event = opening("RIPRENDI_SERVIZIO", idFase)

        /** `CONCLUDI_SERVIZIO` of the D record [idFase] with outcome [esito] (`CONCLUSO`, `INTERROTTO`). */
        @JvmStatic fun concludiServizio(idFase: String, esito: String): Event = opening("CONCLUDI_SERVIZIO", idFase).esito(esito)

        /** `RIPROGETTA`: opens a new C record [idFase]. */
        @JvmStatic fun riprogetta(idFase: String): Event = opening("RIPROGETTA", idFase)

        /** `AVVIA_VALUTAZIONE_FINALE`: opens the E record [idFase]. */
        @JvmStatic fun avviaValutazioneFinale(idFase: String): Event = opening("AVVIA_VALUTAZIONE_FINALE", idFase)

        /** `NUOVO_PROGETTO`: closes E, opens the C record [idFase]. */
        @JvmStatic fun nuovoProgetto(idFase: String): Event = opening("NUOVO_PROGETTO", idFase)

        /** `CHIUDI_PROCESSO`: closes E. */
        @JvmStatic fun chiudiProcesso(): Event = of("CHIUDI_PROCESSO")

        /** `RIAPRI`: a closed process goes back to VALUTAZIONE with the new B record [idFase]. */
        @JvmStatic fun riapri(idFase: String): Event = opening("RIAPRI", idFase)

        /** `TRASFERISCI` to the ente [enteJson] (canonical `Ente` JSON). */
        @JvmStatic
        @JvmOverloads
        fun trasferisci(enteJson: String, stessaRegione: Boolean, idMessaggio: String? = null): Event =
            of("TRASFERISCI").destinatario(enteJson, stessaRegione, idMessaggio)

        /** `ANNULLA` (give the reason with [nota]). */
        @JvmStatic fun annulla(): Event = of("ANNULLA")

        /** `CAMBIA_RESPONSABILE` on record [idFase]. */
        @JvmStatic
        fun cambiaResponsabile(idFase: String, ruolo: String, operatoreJson: String): Event =
            opening("CAMBIA_RESPONSABILE", idFase).responsabile(ruolo, operatoreJson)
    }
}

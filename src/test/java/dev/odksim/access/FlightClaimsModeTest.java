package dev.odksim.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where single-flight claims live (odk.cluster.flight-claims): rows only where another process can reach the database. */
class FlightClaimsModeTest {

    @Test
    void autoKeepsClaimsInProcessOnlyOnAnEmbeddedH2Database() {
        assertThat(FlightClaims.inDatabase("auto", "jdbc:h2:file:./data/odk;WRITE_DELAY=0;AUTO_SERVER=FALSE")).isFalse();
        assertThat(FlightClaims.inDatabase("auto", "jdbc:h2:mem:odk-test;DB_CLOSE_DELAY=-1")).isFalse();
        assertThat(FlightClaims.inDatabase("auto", "jdbc:h2:./data/odk")).isFalse();
        assertThat(FlightClaims.inDatabase("auto", "jdbc:h2:file:./data/odk;auto_server=true")).as("mixed mode: other processes").isTrue();
        assertThat(FlightClaims.inDatabase("auto", "jdbc:h2:tcp://db:9092/odk")).isTrue();
        assertThat(FlightClaims.inDatabase("auto", "jdbc:postgresql://127.0.0.1:5432/odk")).isTrue();
    }

    @Test
    void anExplicitModeWinsAndAnUnknownOneIsRefused() {
        assertThat(FlightClaims.inDatabase("database", "jdbc:h2:mem:x")).isTrue();
        assertThat(FlightClaims.inDatabase("in-process", "jdbc:postgresql://db/odk")).isFalse();
        assertThatThrownBy(() -> FlightClaims.inDatabase("sometimes", "jdbc:h2:mem:x"))
                .hasMessageContaining("odk.cluster.flight-claims").hasMessageContaining("sometimes");
    }
}

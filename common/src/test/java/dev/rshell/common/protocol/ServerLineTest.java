package dev.rshell.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ServerLine#toWire()}: the exact bytes protocol.md prescribes, without the LF. */
class ServerLineTest {

    @Test
    void helloWithoutUser() {
        assertEquals("hello rshell/1 lab-01 auth=password",
                new ServerLine.Hello(Protocol.VERSION, "lab-01", List.of("password"), null).toWire());
    }

    @Test
    void helloWithUserAndSeveralMethods() {
        assertEquals("hello rshell/1 lab-01 auth=password,certificate user=alice",
                new ServerLine.Hello("rshell/1", "lab-01", List.of("password", "certificate"), "alice").toWire());
    }

    @Test
    void helloCopiesItsMethodList() {
        List<String> methods = new ArrayList<>(List.of("password"));
        ServerLine.Hello hello = new ServerLine.Hello("rshell/1", "h", methods, null);
        methods.add("certificate");
        assertEquals(List.of("password"), hello.authMethods());
        assertThrows(UnsupportedOperationException.class, () -> hello.authMethods().add("x"));
    }

    @Test
    void okWithTextAndWithout() {
        assertEquals("ok logged in as alice (operator)", new ServerLine.Ok("logged in as alice (operator)").toWire());
        assertEquals("ok", new ServerLine.Ok("").toWire(), "no trailing space after a bare ok");
        assertEquals("ok pong  two  spaces ", new ServerLine.Ok("pong  two  spaces ").toWire());
    }

    @Test
    void no() {
        assertEquals("no login first", new ServerLine.No("login first").toWire());
    }

    @Test
    void cwd() {
        assertEquals("cwd /home/alice/my dir", new ServerLine.Cwd("/home/alice/my dir").toWire());
    }

    @Test
    void outAndErrKeepTheSpaceBeforeEmptyText() {
        assertEquals("out 3 ", new ServerLine.Out(3, "").toWire());
        assertEquals("err 12 ", new ServerLine.Err(12, "").toWire());
    }

    @Test
    void outAndErrKeepTextVerbatim() {
        assertEquals("out 1 hello, alice", new ServerLine.Out(1, "hello, alice").toWire());
        assertEquals("out 1   indented  and trailing  ", new ServerLine.Out(1, "  indented  and trailing  ").toWire());
        assertEquals("err 2 ls: /nope: No such file or directory",
                new ServerLine.Err(2, "ls: /nope: No such file or directory").toWire());
        assertEquals("out 9999999999 \tx\r", new ServerLine.Out(9_999_999_999L, "\tx\r").toWire());
    }

    @Test
    void bgAndEnd() {
        assertEquals("bg 3", new ServerLine.Bg(3).toWire());
        assertEquals("end 1 0", new ServerLine.End(1, 0).toWire());
        assertEquals("end 4 130", new ServerLine.End(4, 130).toWire());
        assertEquals("end 5 255", new ServerLine.End(5, 255).toWire());
    }

    @Test
    void msgAndBye() {
        assertEquals("msg server shuts down in 30 s", new ServerLine.Msg("server shuts down in 30 s").toWire());
        assertEquals("bye goodbye", new ServerLine.Bye("goodbye").toWire());
        assertEquals("bye busy", new ServerLine.Bye("busy").toWire());
    }

    @Test
    void version11Lines() {
        assertEquals("more 1 65536", new ServerLine.More(1, 65536).toWire());
        assertEquals("part 2 out Continue? ", new ServerLine.Part(2, ServerLine.Stream.OUT, "Continue? ").toWire());
        assertEquals("part 2 err ", new ServerLine.Part(2, ServerLine.Stream.ERR, "").toWire());
        assertEquals("outb 3 AAH/DQo=", new ServerLine.OutBytes(3, new byte[] {0, 1, (byte) 0xff, '\r', '\n'}).toWire());
        assertEquals("errb 3 ", new ServerLine.ErrBytes(3, new byte[0]).toWire());
        String big = new ServerLine.OutBytes(1, new byte[57 * 100]).toWire();
        assertEquals(-1, big.indexOf('\n'), "no line breaks inside the base64");
        assertEquals("outb 1 ".length() + 76 * 100, big.length());
    }

    @Test
    void byteLinesCopyTheirBytesAndCompareByContent() throws java.io.IOException {
        byte[] data = {1, 2, 3};
        ServerLine.OutBytes out = new ServerLine.OutBytes(1, data);
        data[0] = 9;
        out.bytes()[1] = 9;
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {1, 2, 3}, out.bytes());
        assertEquals(new ServerLine.OutBytes(1, new byte[] {1, 2, 3}), out);
        assertEquals(new ServerLine.OutBytes(1, new byte[] {1, 2, 3}).hashCode(), out.hashCode());
        org.junit.jupiter.api.Assertions.assertNotEquals(new ServerLine.ErrBytes(1, new byte[] {1, 2, 3}), out);
        org.junit.jupiter.api.Assertions.assertNotEquals(new ServerLine.OutBytes(2, new byte[] {1, 2, 3}), out);
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        out.writeTo(sink);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {1, 2, 3}, sink.toByteArray());
        assertEquals("OutBytes[command=1, bytes=3]", out.toString());
        assertEquals(3, new ServerLine.ErrBytes(1, data).size());
    }

    @Test
    void unknownRendersItsRawText() {
        assertEquals("progress 3 50%", new ServerLine.Unknown("progress", "progress 3 50%").toWire());
    }

    @org.junit.jupiter.api.Test
    void textCanNeverBreakTheFraming() {
        org.junit.jupiter.api.Assertions.assertEquals("cwd /tmp/a?b", new ServerLine.Cwd("/tmp/a\nb").toWire());
        org.junit.jupiter.api.Assertions.assertEquals("ok a? b", new ServerLine.Ok("a\r b").toWire());
        org.junit.jupiter.api.Assertions.assertEquals("no x?", new ServerLine.No("x\n").toWire());
        org.junit.jupiter.api.Assertions.assertEquals("bye y?z", new ServerLine.Bye("y\nz").toWire());
        org.junit.jupiter.api.Assertions.assertEquals("msg bell and tab", new ServerLine.Msg("bell\u0007 and\t tab")
                .toWire().replace("  ", " "));
    }
}
